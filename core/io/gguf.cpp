#include "io/gguf.h"

#include "io/ggml_type.h"

#include <algorithm>

namespace attnviz::io {

namespace {

constexpr std::uint32_t kMaxDims = 4; // GGML_MAX_DIMS
// The smallest key/value pair: u64 key length, u32 type, a one-byte value. The smallest tensor
// info: u64 name length, u32 n_dims, u32 type, u64 offset.
constexpr std::size_t kMinKeyValueBytes = 13;
constexpr std::size_t kMinTensorInfoBytes = 24;

std::string supportedTypes()
{
    std::string out;
    for (WeightType t : {WeightType::F32, WeightType::F16, WeightType::BF16, WeightType::Q8_0,
                         WeightType::Q4_0, WeightType::Q4_K, WeightType::Q6_K})
        out += (out.empty() ? "" : ", ") + std::string(toString(t));
    return out;
}

WeightType weightTypeOf(std::uint32_t ggmlType, const std::string& context)
{
    if (const auto type = weightTypeFromGgml(ggmlType))
        return *type;
    const std::string name = ggmlTypeName(ggmlType);
    if (name.empty())
        throw FormatError(context + " has unknown ggml type " + std::to_string(ggmlType));
    throw FormatError(context + " has type " + name + " (ggml type " + std::to_string(ggmlType) +
                      "), which is not supported (supported: " + supportedTypes() + ")");
}

// A tensor read from its info, before its offset is checked against the data section.
struct Placed {
    WeightView view;
    std::uint64_t offset;
    std::string context; // "<file>: tensor '<name>'"
};

Placed readTensorInfo(ByteReader& in, std::uint64_t index, std::uint32_t alignment,
                      const std::string& file)
{
    Placed t;
    t.view.name = std::string(in.readString("tensor info " + std::to_string(index)));
    t.context = file + ": tensor '" + t.view.name + "'";
    const std::string what = "the info of tensor '" + t.view.name + "'";
    const auto dims = in.read<std::uint32_t>(what);
    if (dims > kMaxDims)
        throw FormatError(t.context + " has " + std::to_string(dims) +
                          " dimensions (GGUF allows at most 4)");
    std::int64_t elements = 1;
    for (std::uint32_t d = 0; d < dims; ++d) { // ne[0] varies fastest: it is the last dimension
        const auto ne = in.read<std::uint64_t>(what);
        if (ne > std::uint64_t(INT64_MAX) ||
            __builtin_mul_overflow(elements, std::int64_t(ne), &elements))
            throw FormatError(t.context + ": dimension " + std::to_string(d) + " of " +
                              std::to_string(ne) + " elements is more than a 64-bit count holds");
        t.view.shape.insert(t.view.shape.begin(), std::int64_t(ne));
    }
    t.view.type = weightTypeOf(in.read<std::uint32_t>(what), t.context);
    t.offset = in.read<std::uint64_t>(what);

    const std::int64_t block = blockElements(t.view.type);
    if (t.view.cols() % block != 0)
        throw FormatError(t.context + ": rows of " + std::to_string(t.view.cols()) +
                          " elements are not whole " + std::string(toString(t.view.type)) +
                          " blocks of " + std::to_string(block));
    const std::uint64_t blocks = std::uint64_t(elements / block);
    if (__builtin_mul_overflow(blocks, blockBytes(t.view.type), &t.view.bytes))
        throw FormatError(t.context + ": shape " + shapeToString(t.view.shape) +
                          " is more bytes than memory can address");
    if (t.offset % alignment != 0)
        throw FormatError(t.context + ": offset " + std::to_string(t.offset) +
                          " is not a multiple of the alignment " + std::to_string(alignment));
    return t;
}

std::string typeOf(const GgufValue& v)
{
    return v.isArray ? "arr[" + std::string(toString(v.type)) + "]" : std::string(toString(v.type));
}

} // namespace

GgufFile::GgufFile(const std::string& path)
    : m_file(path)
{
    m_source = path;
    parse(m_file.bytes());
}

GgufFile::GgufFile(std::string_view bytes, const std::string& name)
{
    m_source = name;
    parse(bytes);
}

void GgufFile::parse(std::string_view bytes)
{
    const std::string& file = m_source;
    if (!bytes.starts_with("GGUF"))
        throw FormatError(file + ": not a GGUF file (it does not start with \"GGUF\")");
    ByteReader in(bytes, file);
    in.take(4, "the magic");
    m_version = in.read<std::uint32_t>("the header");
    if (m_version != 0 && (m_version & 0xFFFF) == 0)
        throw FormatError(file + ": GGUF version " + std::to_string(m_version) +
                          " means a big-endian file, which this machine cannot read");
    if (m_version < 2 || m_version > 3)
        throw FormatError(file + ": GGUF version " + std::to_string(m_version) +
                          " is not supported (versions 2 and 3 are)");
    const auto tensorCount = in.read<std::uint64_t>("the header");
    const auto keyCount = in.read<std::uint64_t>("the header");

    in.requireRoom(keyCount, kMinKeyValueBytes, "the metadata count");
    for (std::uint64_t i = 0; i < keyCount; ++i) {
        const std::string_view key = in.readString("metadata key " + std::to_string(i));
        if (key.empty())
            throw FormatError(file + ": metadata key " + std::to_string(i) + " is empty");
        const GgufValue value = readGgufValue(in, key, file);
        if (!m_metadata.emplace(key, value).second)
            throw FormatError(file + ": metadata key '" + std::string(key) + "' appears twice");
        m_keys.push_back(key);
    }
    if (has("general.alignment")) {
        const GgufValue& alignment = expect("general.alignment", false, "u32",
                                            [](GgufType t) { return t == GgufType::U32; });
        m_alignment = std::uint32_t(ggufIntegerAt(alignment, 0));
        if (m_alignment == 0 || (m_alignment & (m_alignment - 1)) != 0)
            throw FormatError(file + ": general.alignment " + std::to_string(m_alignment) +
                              " is not a power of two");
    }
    readTensorInfos(in, tensorCount, bytes);
}

void GgufFile::readTensorInfos(ByteReader& in, std::uint64_t count, std::string_view bytes)
{
    in.requireRoom(count, kMinTensorInfoBytes, "the tensor count");
    std::vector<Placed> tensors;
    tensors.reserve(std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i)
        tensors.push_back(readTensorInfo(in, i, m_alignment, m_source));

    // The data section starts at the next multiple of the alignment after the infos.
    const std::uint64_t start =
        (std::uint64_t(in.position()) + m_alignment - 1) / m_alignment * m_alignment;
    const std::string_view data = start <= bytes.size() ? bytes.substr(start) : std::string_view();
    for (Placed& t : tensors) {
        if (t.offset > data.size() || t.view.bytes > data.size() - t.offset)
            throw FormatError(t.context + ": its " + std::to_string(t.view.bytes) +
                              " bytes at offset " + std::to_string(t.offset) +
                              " run past the end of the file (the data section holds " +
                              std::to_string(data.size()) + " bytes)");
        t.view.data = reinterpret_cast<const std::byte*>(data.data()) + t.offset;
    }

    std::vector<const Placed*> byOffset;
    for (const Placed& t : tensors)
        if (t.view.bytes > 0)
            byOffset.push_back(&t);
    std::sort(byOffset.begin(), byOffset.end(),
              [](const Placed* a, const Placed* b) { return a->offset < b->offset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i) {
        const Placed& before = *byOffset[i - 1];
        if (byOffset[i]->offset < before.offset + before.view.bytes)
            throw FormatError(byOffset[i]->context + ": its bytes at offset " +
                              std::to_string(byOffset[i]->offset) + " overlap tensor '" +
                              before.view.name + "' (" + std::to_string(before.view.bytes) +
                              " bytes at offset " + std::to_string(before.offset) + ")");
    }
    for (Placed& t : tensors)
        addTensor(std::move(t.view), m_source);
}

const GgufValue* GgufFile::value(std::string_view key) const
{
    const auto it = m_metadata.find(key);
    return it == m_metadata.end() ? nullptr : &it->second;
}

const GgufValue& GgufFile::expect(std::string_view key, bool isArray, std::string_view wanted,
                                  const std::function<bool(GgufType)>& accepts) const
{
    const GgufValue* v = value(key);
    if (!v)
        throw FormatError(m_source + ": metadata '" + std::string(key) + "' is missing");
    if (v->isArray != isArray || !accepts(v->type))
        throw FormatError(m_source + ": metadata '" + std::string(key) + "' has type " +
                          typeOf(*v) + ", not " + std::string(wanted));
    return *v;
}

namespace {

bool isNumber(GgufType t)
{
    return isGgufInteger(t) || t == GgufType::F32 || t == GgufType::F64;
}

} // namespace

std::string_view GgufFile::string(std::string_view key) const
{
    return strings(key, false).front();
}

std::int64_t GgufFile::integer(std::string_view key) const
{
    return integers(key, false).front();
}

double GgufFile::real(std::string_view key) const
{
    const GgufValue& v = expect(key, false, "a number", isNumber);
    return ggufRealAt(v, 0);
}

bool GgufFile::boolean(std::string_view key) const
{
    const GgufValue& v = expect(key, false, "bool", [](GgufType t) { return t == GgufType::Bool; });
    return ggufIntegerAt(v, 0) != 0;
}

std::vector<std::string_view> GgufFile::strings(std::string_view key) const
{
    return strings(key, true);
}

std::vector<std::int64_t> GgufFile::integers(std::string_view key) const
{
    return integers(key, true);
}

std::vector<double> GgufFile::reals(std::string_view key) const
{
    const GgufValue& v = expect(key, true, "an array of numbers", isNumber);
    std::vector<double> out(std::size_t(v.count));
    for (std::uint64_t i = 0; i < v.count; ++i)
        out[i] = ggufRealAt(v, i);
    return out;
}

std::vector<std::string_view> GgufFile::strings(std::string_view key, bool isArray) const
{
    const GgufValue& v = expect(key, isArray, isArray ? "an array of strings" : "a string",
                                [](GgufType t) { return t == GgufType::String; });
    ByteReader in(v.bytes, m_source); // checked when the file was read
    std::vector<std::string_view> out(std::size_t(v.count));
    for (std::string_view& s : out)
        s = in.readString(key);
    return out;
}

std::vector<std::int64_t> GgufFile::integers(std::string_view key, bool isArray) const
{
    const GgufValue& v =
        expect(key, isArray, isArray ? "an array of integers" : "an integer", isGgufInteger);
    std::vector<std::int64_t> out(std::size_t(v.count));
    for (std::uint64_t i = 0; i < v.count; ++i) {
        out[i] = ggufIntegerAt(v, i);
        if (v.type == GgufType::U64 && out[i] < 0)
            throw FormatError(m_source + ": metadata '" + std::string(key) + "' holds " +
                              std::to_string(std::uint64_t(out[i])) +
                              ", beyond the range of a 64-bit signed integer");
    }
    return out;
}

} // namespace attnviz::io

#include "json_value.h"

#include <cmath>
#include <limits>

namespace attnviz::ui {

const Json& jsonMember(const Json& object, const char* key)
{
    static const Json null;
    if (!object.is_object())
        return null;
    const auto it = object.find(key);
    return it == object.end() ? null : *it;
}

QString jsonString(const Json& value, const QString& fallback)
{
    return value.is_string() ? QString::fromStdString(value.get_ref<const std::string&>())
                             : fallback;
}

QString jsonString(const Json& object, const char* key, const QString& fallback)
{
    return jsonString(jsonMember(object, key), fallback);
}

double jsonNumber(const Json& object, const char* key, double fallback)
{
    const Json& v = jsonMember(object, key);
    return v.is_number() ? v.get<double>() : fallback;
}

int jsonInt(const Json& object, const char* key, int fallback)
{
    const double d = jsonNumber(object, key, std::nan(""));
    return d == std::floor(d) && d >= std::numeric_limits<int>::min() &&
                   d <= std::numeric_limits<int>::max()
               ? static_cast<int>(d)
               : fallback;
}

bool jsonBool(const Json& object, const char* key, bool fallback)
{
    const Json& v = jsonMember(object, key);
    return v.is_boolean() ? v.get<bool>() : fallback;
}

Json toJson(const QStringList& texts)
{
    Json array = Json::array();
    for (const QString& text : texts)
        array.push_back(toJson(text));
    return array;
}

std::string jsonText(const Json& document)
{
    return document.dump(4, ' ', false, Json::error_handler_t::replace) + '\n';
}

} // namespace attnviz::ui

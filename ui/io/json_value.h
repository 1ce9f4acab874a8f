#pragma once

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <string>

namespace attnviz::ui {

using Json = nlohmann::json;

// Lenient reads for the files ui parses (sessions, lessons): an absent member, a member of another
// type or a member of something that is not an object reads as the fallback, and the caller says
// what is wrong in the user's language. Documents come from io::parseStrictJson (bounded, no
// duplicate keys).
const Json& jsonMember(const Json& object, const char* key); // null when absent
QString jsonString(const Json& value, const QString& fallback = {});
QString jsonString(const Json& object, const char* key, const QString& fallback = {});
double jsonNumber(const Json& object, const char* key, double fallback);
// A whole number within int's range, else the fallback (a cast of any other double would be UB).
int jsonInt(const Json& object, const char* key, int fallback);
bool jsonBool(const Json& object, const char* key, bool fallback);

inline Json toJson(const QString& text)
{
    return text.toStdString();
}
Json toJson(const QStringList& texts);
// The document's text; invalid UTF-8 (a QString never makes it) is replaced, never a throw.
std::string jsonText(const Json& document);

} // namespace attnviz::ui

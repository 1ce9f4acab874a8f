#pragma once

#include "ui/io/imported_weights.h"
#include "ui/io/json_value.h"
#include "ui/model/session_state.h"

#include <QString>
#include <string_view>

namespace attnviz::ui {

// A session file is a JSON object {"format": "attnviz-session", "version": 1, ...}. Readers
// refuse other formats and versions with a reason instead of guessing.
inline constexpr int kSessionVersion = 1;
inline constexpr char kSessionFormat[] = "attnviz-session";
// Sessions are named NAME.attnviz.json: desktops tell them from other JSON by this suffix
// (resources/desktop/attnviz.mime.xml), so that a double-click opens them in AttnViz.
inline constexpr char kSessionSuffix[] = ".attnviz.json";
// A session is at most a few MB (its mask is packed bits); anything far larger is not a session:
// saving refuses it before writing, loading before reading.
inline constexpr qint64 kMaxSessionBytes = 64 * 1024 * 1024;

// How the result is shown; not needed to compute it.
struct ViewSettings {
    int focusedHead = -1; // -1: all heads
    QString stage = QStringLiteral("weights");
    bool operator==(const ViewSettings&) const = default;
};

// Precomputed attention read from a file instead of the seeded demo (empty path: the demo).
struct AttentionSource {
    QString path;
    QString tokensPath;
    int layer = 0;
    bool isEmpty() const { return path.isEmpty(); }
    bool operator==(const AttentionSource&) const = default;
};

struct SessionDocument {
    SessionState state;
    ViewSettings view;
    AttentionSource attention; // at most one of attention and weights is set
    WeightsImport weights;     // model weights with inputs (empty: none)
};

Json maskToJson(const Mask& mask);
// Empty string on success, else the reason.
QString maskFromJson(const Json& json, Mask* mask);

Json sessionToJson(const SessionDocument& doc);
// Fills *doc only on success; returns the reason of a failure, empty on success.
QString sessionFromJson(const Json& json, SessionDocument* doc);
// A session file's bytes: strict JSON (bounded, no duplicate keys), then sessionFromJson. `name`
// (the path) starts the message of a failure.
QString parseSession(std::string_view text, const QString& name, SessionDocument* doc);

// Both return an error message ("" on success). Saving is all-or-nothing (QSaveFile); loading
// leaves *doc untouched on failure. Relative paths of imported files are resolved against (and
// saved relative to) the session file's folder.
QString saveSession(const QString& path, const SessionDocument& doc);
QString loadSession(const QString& path, SessionDocument* doc);
// Where a session the user named `path` is saved: with kSessionSuffix when it has no suffix.
QString sessionSavePath(const QString& path);

} // namespace attnviz::ui

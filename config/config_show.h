// `quorate config show`: the effective configuration as text, grouped by section.
//
// Format (stable; scenarios and the job script grep it):
//   == totem ==
//   token: 3650                    # derived: token 3000 + (3 - 2) * token_coefficient 650
//   join: 50                       # default
//   cluster_name: pve              # set (line 4)
// One "key: value" line per setting, no indentation, so `grep '^token:'` works; after '#'
// the value's origin: "set (line N)", "default", or "derived: <how>".
#pragma once

#include <string>

#include "config/corosync_config.h"

namespace quorate::config {

std::string render_show(const CorosyncConfig& config);

}  // namespace quorate::config

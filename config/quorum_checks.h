// votequorum option conflicts (corosync votequorum_readconfig): `corosync -t` does not check
// them; the daemon refuses to start, or silently disables a feature, when it reads them.
// quorate reports them with Origin::kQuorum and the given severity: warnings by default,
// errors for `quorate config check --strict`.
#pragma once

#include "config/corosync_config.h"
#include "config/diagnostic.h"

namespace quorate::config {

// Expected votes as votequorum computes them at start: quorum.expected_votes if set, else the
// sum of quorum_votes over the nodelist.
uint32_t effective_expected_votes(const CorosyncConfig& config);

Diagnostics check_quorum(const CorosyncConfig& config, Severity severity);

}  // namespace quorate::config

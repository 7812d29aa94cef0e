#include "sim/scenario/expectations.h"

#include "sim/scenario/duration_text.h"

namespace quorate::scenario {
namespace {

struct Verdict {
  bool passed = true;
  std::string reason;
  Instant at;
};

Verdict fail(std::string reason, Instant at) {
  return Verdict{false, std::move(reason), at};
}

// The first atom false at t, or nullptr.
const Atom* first_false(const std::vector<Atom>& atoms, Instant t) {
  for (const Atom& a : atoms)
    if (!a.signal.at(t)) return &a;
  return nullptr;
}

std::string since(const Signal& s, Instant t) {
  const std::optional<Instant> last = s.last_change_at_or_before(t);
  return last ? " (since " + format_instant(*last) + ")" : " (never changed)";
}

Verdict check_at(const std::vector<Atom>& atoms, Instant t) {
  const Atom* a = first_false(atoms, t);
  if (a == nullptr) return {};
  return fail("at " + format_instant(t) + ": not true that " + a->label + since(a->signal, t), t);
}

Verdict check_always(const std::vector<Atom>& atoms, Instant from, Instant until) {
  std::optional<Instant> first;
  const Atom* culprit = nullptr;
  for (const Atom& a : atoms) {
    const std::optional<Instant> t = a.signal.first(false, from, until);
    if (t && (!first || *t < *first)) {
      first = t;
      culprit = &a;
    }
  }
  if (!first) return {};
  return fail("stopped holding at " + format_instant(*first) + ": not true that " + culprit->label,
              *first);
}

Verdict check_eventually(const std::vector<Atom>& atoms, Instant from, Instant until) {
  std::vector<const Signal*> signals;
  for (const Atom& a : atoms)
    signals.push_back(&a.signal);
  const Signal all = Signal::all_of(signals);
  if (all.first(true, from, until)) return {};
  const Atom* a = first_false(atoms, until);
  const std::string who = a ? ": at " + format_instant(until) + " not true that " + a->label : "";
  return fail("never held in [" + format_instant(from) + ", " + format_instant(until) + "]" + who,
              until);
}

Verdict check_becomes(const std::vector<Atom>& atoms, Instant anchor, Instant lo, Instant hi) {
  for (const Atom& a : atoms) {
    if (a.signal.at(anchor)) {
      return fail("already true at " + format_instant(anchor) + " that " + a.label, anchor);
    }
    const std::optional<Instant> rise = a.signal.first_rise_after(anchor);
    if (!rise || *rise > hi) {
      return fail("not by " + format_instant(hi) + ": " + a.label +
                      (rise ? " only at " + format_instant(*rise)
                            : " never after " + format_instant(anchor)),
                  rise ? *rise : hi);
    }
    if (*rise < lo) {
      return fail("too early: " + a.label + " at " + format_instant(*rise) + ", before " +
                      format_instant(lo),
                  *rise);
    }
  }
  return {};
}

}  // namespace

ExpectationOutcome evaluate(const Expectation& e, const Observations& observations) {
  const std::vector<Atom> atoms = e.predicate->atoms(observations);
  Verdict v;
  switch (e.when) {
    case When::kAt:
      v = check_at(atoms, e.until);
      break;
    case When::kAlways:
      v = check_always(atoms, e.from, e.until);
      break;
    case When::kBy:
    case When::kEventually:
      v = check_eventually(atoms, e.from, e.until);
      break;
    case When::kBecomes:
      v = check_becomes(atoms, e.anchor, e.from, e.until);
      break;
  }
  return ExpectationOutcome{e.text, e.pos, v.passed, v.reason, v.at, {}};
}

}  // namespace quorate::scenario

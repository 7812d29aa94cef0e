// Bounded fuzzing: random line mutations of the examples only ever produce located findings,
// never a crash; whatever is accepted without errors survives the writer round trip.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "config/ifupdown/writer.h"
#include "ifupdown_test_util.h"

namespace quorate::ifupdown {
namespace {

using testing::kExamples;
using testing::read_data;

const std::vector<std::string> kTokens = {
    "auto",
    "iface",
    "inet",
    "inet6",
    "static",
    "manual",
    "loopback",
    "dhcp",
    "mapping",
    "source",
    "allow-hotplug",
    "address",
    "netmask",
    "gateway",
    "mtu",
    "hwaddress",
    "bond-slaves",
    "bond-ports",
    "bond-mode",
    "bond-miimon",
    "bond-lacp-rate",
    "bond-xmit-hash-policy",
    "bond-primary",
    "bond-arp-interval",
    "bond-arp-ip-target",
    "bridge-ports",
    "bridge-vids",
    "vlan-raw-device",
    "vlan-id",
    "none",
    "eno1",
    "eno2",
    "bond0",
    "vmbr0",
    "vmbr0.5",
    "bond0.5000",
    "lo",
    "802.3ad",
    "7",
    "-1",
    "99999999999999",
    "10.0.0.1/33",
    "::1/129",
    "fe80::1",
    "255.0.255.0",
    "aa:bb:cc:dd:ee:ff",
    "\\",
    "#",
    "\t",
    "layer2+3",
    "fast",
    "x\\",
    "all",
    "glob",
    "bond-mode 9",
    "2-1",
    "0",
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines)
    out += l + "\n";
  return out;
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  void mutate(std::vector<std::string>& lines) {
    if (lines.empty()) lines.push_back("");
    const size_t at = pick(lines.size());
    switch (pick(7)) {
      case 0:
        lines.erase(lines.begin() + static_cast<long>(at));
        break;
      case 1:
        lines.insert(lines.begin() + static_cast<long>(at), lines[pick(lines.size())]);
        break;
      case 2:
        std::swap(lines[at], lines[pick(lines.size())]);
        break;
      case 3:
        lines[at] = replace_word(lines[at]);
        break;
      case 4:
        lines.insert(lines.begin() + static_cast<long>(at), token() + " " + token());
        break;
      case 5:
        lines[at] = lines[at].substr(0, pick(lines[at].size() + 1));
        break;
      default:
        lines[at].insert(pick(lines[at].size() + 1), 1, static_cast<char>(pick(256)));
        break;
    }
  }

 private:
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  std::string token() { return kTokens[pick(kTokens.size())]; }

  std::string replace_word(const std::string& line) {
    std::vector<std::string> words;
    size_t i = 0;
    std::string lead = line.substr(0, line.find_first_not_of(" \t"));
    while ((i = line.find_first_not_of(" \t", i)) != std::string::npos) {
      const size_t end = line.find_first_of(" \t", i);
      words.push_back(line.substr(i, end == std::string::npos ? std::string::npos : end - i));
      i = end;
    }
    if (words.empty()) return token();
    words[pick(words.size())] = token();
    std::string out = lead == line ? "" : lead;
    for (size_t k = 0; k < words.size(); ++k)
      out += (k ? " " : "") + words[k];
    return out;
  }

  std::mt19937_64 rng_;
};

TEST(Fuzz, RandomLineMutationsOnlyEverProduceLocatedFindings) {
  int accepted = 0;
  int rejected = 0;
  for (size_t e = 0; e < kExamples.size(); ++e) {
    const std::vector<std::string> base = split_lines(read_data(kExamples[e]));
    for (uint64_t round = 0; round < 600; ++round) {
      Mutator m(e * 100003 + round);
      std::vector<std::string> lines = base;
      const size_t steps = 1 + round % 4;
      for (size_t s = 0; s < steps; ++s)
        m.mutate(lines);
      const std::string text = join(lines);
      const ParseResult r = parse_interfaces(text, "fuzz");
      for (const Diagnostic& d : r.diagnostics.items) {
        ASSERT_GE(d.loc.line, 1) << format(d) << "\n" << text;
        ASSERT_LE(d.loc.line, static_cast<int>(lines.size())) << format(d) << "\n" << text;
        ASSERT_EQ(format(d).rfind("fuzz:" + std::to_string(d.loc.line) + ": ", 0), 0u);
      }
      if (!r.ok()) {
        ++rejected;
        continue;
      }
      ++accepted;
      const std::string written = write_interfaces(r.network);
      const ParseResult back = parse_interfaces(written, "back");
      ASSERT_TRUE(back.ok()) << text << "\n---\n" << written;
      ASSERT_EQ(back.network, r.network) << text << "\n---\n" << written;
    }
  }
  // Both outcomes must be exercised, or the loop proves little.
  EXPECT_GT(accepted, 100);
  EXPECT_GT(rejected, 100);
}

TEST(Fuzz, ArbitraryBytesNeverCrash) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::string text(std::uniform_int_distribution<size_t>(0, 300)(rng), '\0');
    for (char& c : text) {
      const uint64_t r = rng();
      c = static_cast<char>(r % 5 == 0 ? "\n \t\\#"[(r >> 3) % 5] : static_cast<char>(r >> 8));
    }
    const ParseResult r = parse_interfaces(text, "bytes");
    for (const Diagnostic& d : r.diagnostics.items)
      ASSERT_GE(d.loc.line, 1) << format(d);
  }
}

}  // namespace
}  // namespace quorate::ifupdown

// Host-dependent checks against a fake machine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace quorate::config {
namespace {

using ::testing::ElementsAre;
using testing::FakeHost;
using ::testing::IsEmpty;

std::string conf(const std::string& name, const std::string& ring0,
                 const std::string& totem_extra = "") {
  return "totem {\n version: 2\n" + totem_extra + "}\nnodelist {\n node {\n  name: " + name +
         "\n  nodeid: 1\n  ring0_addr: " + ring0 +
         "\n }\n node {\n  name: zz\n  nodeid: 2\n  ring0_addr: 10.9.9.2\n }\n}\n";
}

std::vector<std::string> host_errors(const std::string& text, const FakeHost& host,
                                     bool any_host = false) {
  Diagnostics ds = check_loaded(testing::load(text), CheckOptions{false, any_host, &host});
  std::vector<std::string> out;
  for (const Diagnostic& d : ds)
    out.push_back(d.message);
  return out;
}

constexpr const char* kNoLocal = "parse error in config: No valid name found for local host";

TEST(HostChecks, LocalNodeByHostname) {
  FakeHost h;
  h.dns["vm"] = {"192.0.2.2"};
  EXPECT_THAT(host_errors(conf("vm", "10.1.1.1"), h), IsEmpty());
  EXPECT_THAT(host_errors(conf("foo", "10.1.1.1"), h), ElementsAre(kNoLocal));
  EXPECT_THAT(host_errors(conf("foo", "vm"), h), IsEmpty());  // ring0_addr counts as a name
  EXPECT_THAT(host_errors(conf("vm.example", "10.1.1.1"), h), IsEmpty());  // its short name
  EXPECT_THAT(host_errors(conf("vmx", "10.1.1.1"), h), ElementsAre(kNoLocal));
  EXPECT_THAT(host_errors(conf("x.vm", "10.1.1.1"), h), ElementsAre(kNoLocal));
  h.name = "vm.example.com";
  EXPECT_THAT(host_errors(conf("vm.example", "10.1.1.1"), h), IsEmpty());  // domain stripped
  EXPECT_THAT(host_errors(conf("vm", "10.1.1.1"), h), IsEmpty());
}

TEST(HostChecks, LocalNodeByInterfaceAddress) {
  FakeHost h;
  h.name = "other";
  EXPECT_THAT(host_errors(conf("foo", "127.0.0.1"), h), IsEmpty());       // 127.0.0.1 counts
  EXPECT_THAT(host_errors(conf("localhost", "10.1.1.1"), h), IsEmpty());  // reverse name
  EXPECT_THAT(host_errors(conf("127.0.0.1", "10.1.1.1"), h), IsEmpty());  // numeric as name
  EXPECT_THAT(host_errors(conf("foo", "127.0.0.2"), h), ElementsAre(kNoLocal));
  h.dns["alias"] = {"127.0.0.1"};
  EXPECT_THAT(host_errors(conf("alias", "10.1.1.1"), h), IsEmpty());  // resolved alias
}

TEST(HostChecks, AnyHostSkipsTheLocalNode) {
  FakeHost h;
  EXPECT_THAT(host_errors(conf("foo", "10.1.1.1"), h, true), IsEmpty());
}

TEST(HostChecks, UnresolvableHostName) {
  FakeHost h;
  EXPECT_THAT(host_errors(conf("vm", "nosuchhost.invalid"), h),
              ElementsAre("failed to parse node address 'nosuchhost.invalid'"));
  h.dns["db1"] = {"10.1.1.1"};
  EXPECT_THAT(host_errors(conf("vm", "db1"), h), IsEmpty());
}

TEST(HostChecks, LocalNodeMissingALink) {
  FakeHost h;
  std::string f =
      "totem {\n version: 2\n}\nnodelist {\n node {\n  name: vm\n  nodeid: 1\n"
      "  ring0_addr: 127.0.0.1\n }\n node {\n  name: zz\n  nodeid: 2\n  ring1_addr: 10.9.9.2\n"
      " }\n}\n";
  EXPECT_THAT(host_errors(f, h),
              ::testing::Contains("parse error in config: No multicast port specified for "
                                  "interface 1"));
}

TEST(HostChecks, Keyfile) {
  FakeHost h;
  std::string crypto = " crypto_cipher: aes256\n crypto_hash: sha256\n";
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto), h),
              ElementsAre("Could not open /etc/corosync/authkey: No such file or directory"));
  h.files["/etc/corosync/authkey"] = 256;
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto), h), IsEmpty());
  h.files["/tmp/short.key"] = 100;
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto + " keyfile: /tmp/short.key\n"), h),
              ElementsAre("Could only read 800 bits of minimum 1024 bits from /tmp/short.key."));
  h.files["/tmp/long.key"] = 5000;  // only 4096 bytes are read: accepted
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto + " keyfile: /tmp/long.key\n"), h),
              IsEmpty());
  // Relative paths are relative to corosync's working directory, /var/lib/corosync.
  h.files["/var/lib/corosync/rel.key"] = 256;
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto + " keyfile: rel.key\n"), h), IsEmpty());
  EXPECT_THAT(host_errors(conf("vm", "127.0.0.1", crypto + " keyfile: other.key\n"), h),
              ElementsAre("Could not open other.key: No such file or directory"));
  // ... or to system.state_dir, which must exist.
  h.files["/srv/state/rel.key"] = 256;
  std::string with_state = conf("vm", "127.0.0.1", crypto + " keyfile: rel.key\n") +
                           "system {\n state_dir: /srv/state\n}\n";
  EXPECT_THAT(host_errors(with_state, h), IsEmpty());
  h.dir_errors["/srv/state"] = 2;
  EXPECT_THAT(host_errors(with_state, h),
              ElementsAre("Cannot chdir to state directory /srv/state. No such file or directory"));
}

TEST(HostChecks, Logfile) {
  FakeHost h;
  h.append_errors["/nonexistent/x.log"] = 2;
  EXPECT_THAT(
      host_errors(conf("vm", "127.0.0.1") + "logging {\n logfile: /nonexistent/x.log\n}\n", h),
      ElementsAre("parse error in config: Can't open logfile '/nonexistent/x.log' for "
                  "reason: No such file or directory (2)."));
}

TEST(HostChecks, SystemHostSeesLoopback) {
  std::unique_ptr<HostEnvironment> host = system_host();
  EXPECT_FALSE(host->nodename().empty());
  bool loopback = false;
  for (const LocalAddress& a : host->local_addresses())
    loopback |= a.numeric == "127.0.0.1";
  EXPECT_TRUE(loopback);
  CorosyncConfig c = testing::load(conf("not-this-host", "127.0.0.1")).config;
  ASSERT_TRUE(find_local_node(c, *host).has_value());
  EXPECT_EQ(*find_local_node(c, *host), 0u);
}

}  // namespace
}  // namespace quorate::config

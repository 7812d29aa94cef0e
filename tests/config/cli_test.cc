// `quorate config` end to end: runs the built binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using ::testing::HasSubstr;

const std::string kBinary = std::string(QUORATE_BINARY_DIR) + "/apps/quorate";
const std::string kExamples = std::string(QUORATE_SOURCE_DIR) + "/scenarios/corosync/";

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr, merged
};

Result run(const std::string& args) {
  Result r;
  std::string cmd = kBinary + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / ("quorate_cli_" + name)).string();
  std::ofstream(path) << text;
  return path;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kBinary)) GTEST_SKIP() << "not built: " << kBinary;
  }
};

TEST_F(Cli, ShowPrintsTheDerivedTimers) {
  Result r = run("config show " + kExamples + "pve-3node.conf");
  EXPECT_EQ(r.code, 0) << r.out;
  for (const char* s :
       {"\ntoken: 3650 ", "\nconsensus: 4380 ", "\ntoken_retransmit: 869 ", "\nhold: 685 ",
        "\nknet_ping_interval: 912 ", "\nknet_ping_timeout: 1825 "}) {
    EXPECT_THAT(r.out, HasSubstr(s));
  }
}

TEST_F(Cli, CheckExitCodes) {
  std::string good = temp_file("good.conf",
                               "totem {\n version: 2\n}\nnodelist {\n node {\n  name: a\n"
                               "  nodeid: 1\n  ring0_addr: 127.0.0.1\n }\n}\n");
  std::string bad = temp_file("bad.conf", "totem {\n version: 2\n token = 5\n}\n");
  Result ok = run("config check " + good);
  EXPECT_EQ(ok.code, 0) << ok.out;
  Result invalid = run("config check " + good + " " + bad);
  EXPECT_EQ(invalid.code, 1);
  EXPECT_THAT(invalid.out,
              HasSubstr(bad + ":3: Line is not opening or closing section or key value"));
  EXPECT_EQ(run("config check").code, 2);
  EXPECT_EQ(run("config check --bogus " + good).code, 2);
  EXPECT_EQ(run("config check /nonexistent/corosync.conf").code, 2);
  EXPECT_EQ(run("config frobnicate " + good).code, 2);
  EXPECT_EQ(run("config show").code, 2);
  EXPECT_EQ(run("config --help").code, 0);
}

TEST_F(Cli, StrictAndAnyHost) {
  std::string q = temp_file(
      "q.conf",
      "totem {\n version: 2\n}\nnodelist {\n node {\n  name: a\n  nodeid: 1\n"
      "  ring0_addr: 127.0.0.1\n }\n node {\n  name: b\n  nodeid: 2\n  ring0_addr: 127.0.0.2\n "
      "}\n}\n"
      "quorum {\n provider: corosync_votequorum\n two_node: 1\n device {\n  model: net\n }\n}\n");
  Result loose = run("config check " + q);
  EXPECT_EQ(loose.code, 0) << loose.out;
  EXPECT_THAT(loose.out, HasSubstr("warning: two_node and quorum device"));
  EXPECT_EQ(run("config check --strict " + q).code, 1);
  std::string other = temp_file("other.conf",
                                "totem {\n version: 2\n}\nnodelist {\n node {\n  name: elsewhere\n"
                                "  nodeid: 1\n  ring0_addr: 192.0.2.123\n }\n}\n");
  Result here = run("config check " + other);
  EXPECT_EQ(here.code, 1);
  EXPECT_THAT(here.out, HasSubstr("No valid name found for local host"));
  EXPECT_EQ(run("config check --any-host " + other).code, 0);
}

TEST_F(Cli, OfflineSkipsEveryHostCheck) {
  std::string keyed = temp_file("keyed.conf",
                                "totem {\n version: 2\n secauth: on\n"
                                " keyfile: /nonexistent/quorate/authkey\n}\n"
                                "nodelist {\n node {\n  name: elsewhere\n"
                                "  nodeid: 1\n  ring0_addr: 192.0.2.123\n }\n}\n");
  Result any_host = run("config check --any-host " + keyed);
  EXPECT_EQ(any_host.code, 1);
  EXPECT_THAT(any_host.out, HasSubstr("Could not open /nonexistent/quorate/authkey"));
  Result offline = run("config check --offline " + keyed);
  EXPECT_EQ(offline.code, 0) << offline.out;
  // Offline still reports what is wrong with the file itself.
  std::string bad = temp_file("bad-offline.conf", "totem {\n version: 3\n}\n");
  EXPECT_EQ(run("config check --offline " + bad).code, 1);
}

}  // namespace

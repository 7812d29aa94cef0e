// Reading files: the top file, and bounded following of source / source-directory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ifupdown_test_util.h"

namespace quorate::ifupdown {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::names_of;

class Load : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(QUORATE_BINARY_DIR) / "ifupdown_load_test" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string write(const std::string& rel, const std::string& text) {
    const fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
};

TEST_F(Load, ReadsTheBundledExampleLikeParse) {
  const LoadResult r = load_interfaces_file(testing::data_path("lacp_bridge.interfaces"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.network, testing::parse_data("lacp_bridge.interfaces").network);
  EXPECT_EQ(r.files.size(), 1u);
}

TEST_F(Load, MissingTopFileIsAnError) {
  const std::string path = (dir_ / "nope").string();
  const LoadResult r = load_interfaces_file(path);
  EXPECT_THAT(r.diagnostics.errors(),
              ElementsAre(path + ":0: cannot read: No such file or directory"));
}

TEST_F(Load, SourcesAreRecordedNotFollowedByDefault) {
  const std::string top = write("interfaces", "iface eno1 inet manual\nsource d/*\n");
  write("d/a", "iface eno2 inet manual\n");
  const LoadResult r = load_interfaces_file(top);
  EXPECT_TRUE(r.ok());
  EXPECT_THAT(names_of(r.network), ElementsAre("eno1"));
  ASSERT_EQ(r.network.sources.size(), 1u);
  EXPECT_EQ(r.network.sources[0].pattern, "d/*");
}

TEST_F(Load, FollowsSourcesInPlaceAndInOrder) {
  const std::string top = write("interfaces",
                                "iface eno1 inet manual\n"
                                "source d/*\n"
                                "source-directory dd\n"
                                "auto bond0\n"
                                "iface bond0 inet manual\n"
                                " bond-slaves eno1 eno2 eno3\n"
                                " bond-mode active-backup\n bond-miimon 100\n");
  write("d/b", "iface eno3 inet manual\n");
  write("d/a", "iface eno2 inet manual\n");
  write("dd/x.conf", "iface skipped0 inet manual\n");  // '.' is not a run-parts name
  write("dd/eno4", "iface eno4 inet manual\n");
  const LoadResult r = load_interfaces_file(top, LoadOptions{true, 4, 64});
  EXPECT_TRUE(r.ok()) << ::testing::PrintToString(r.diagnostics.errors());
  EXPECT_THAT(names_of(r.network), ElementsAre("eno1", "eno2", "eno3", "eno4", "bond0"));
  EXPECT_THAT(r.network.sources, IsEmpty());
  EXPECT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.network.find("eno3")->loc.file, (dir_ / "d/b").string());
}

TEST_F(Load, SelfSourcingStopsAtTheDepthBound) {
  const std::string top = write("interfaces", "iface eno1 inet manual\nsource interfaces\n");
  const LoadResult r = load_interfaces_file(top, LoadOptions{true, 3, 64});
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_THAT(r.diagnostics.errors(),
              ElementsAre(top + ":2: sources nested deeper than 3 files; interfaces is not read "
                                "(does a file source itself?)"));
}

TEST_F(Load, FileCountBound) {
  const std::string top = write("interfaces", "source d/*\n");
  for (const char* n : {"a", "b", "c"})
    write(std::string("d/") + n, "");
  const LoadResult r = load_interfaces_file(top, LoadOptions{true, 4, 3});
  EXPECT_EQ(r.files.size(), 3u);
  EXPECT_THAT(r.diagnostics.errors(),
              ElementsAre(top + ":1: more than 3 interfaces files; " + (dir_ / "d/c").string() +
                          " and later are not read"));
}

TEST_F(Load, MissingSourceWarnsLikeIfupdown2AndEmptyGlobIsSilent) {
  const std::string top = write("interfaces", "source missing\nsource none.d/*\n");
  const LoadResult r = load_interfaces_file(top, LoadOptions{true, 4, 64});
  EXPECT_TRUE(r.ok());
  EXPECT_THAT(r.diagnostics.warnings(), ElementsAre(top + ":1: warning: cannot find source file " +
                                                    (dir_ / "missing").string()));
}

}  // namespace
}  // namespace quorate::ifupdown

#include "serve/cancellations.h"

#include <gtest/gtest.h>

namespace hm::serve {
namespace {

TEST(CancellationsTest, OnlyTrackedJobsCanBeCancelled) {
  Cancellations c;
  EXPECT_FALSE(c.Request("a", "alice")) << "untracked";
  c.Track("a");
  const std::function<bool()> poll = c.Poller("a");
  EXPECT_FALSE(poll());
  EXPECT_FALSE(c.Requested("a"));
  EXPECT_TRUE(c.Request("a", "alice"));
  EXPECT_TRUE(c.Request("a", "root")) << "a second request is accepted";
  EXPECT_TRUE(poll());
  EXPECT_TRUE(c.Requested("a"));
  EXPECT_EQ(c.RequestedBy("a"), "alice") << "the first requester is kept";
  c.Forget("a");
  EXPECT_TRUE(poll()) << "a poller outlives the entry";
  EXPECT_FALSE(c.Requested("a"));
  EXPECT_EQ(c.RequestedBy("a"), "");
  EXPECT_FALSE(c.Poller("a")());
}

TEST(CancellationsTest, TrackTwiceKeepsTheFlag) {
  Cancellations c;
  c.Track("b");
  ASSERT_TRUE(c.Request("b", "bob"));
  c.Track("b");
  EXPECT_TRUE(c.Requested("b"));
}

}  // namespace
}  // namespace hm::serve

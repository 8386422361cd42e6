// Every public header, included together: a name clash between two of them (two enums called
// DataSource once) fails this build rather than a user's.
#include "hedis_mockup/abstract.h"
#include "hedis_mockup/ai.h"
#include "hedis_mockup/audit.h"
#include "hedis_mockup/code_system.h"
#include "hedis_mockup/compare.h"
#include "hedis_mockup/completeness.h"
#include "hedis_mockup/date.h"
#include "hedis_mockup/draft.h"
#include "hedis_mockup/error_policy.h"
#include "hedis_mockup/executor.h"
#include "hedis_mockup/log.h"
#include "hedis_mockup/measure.h"
#include "hedis_mockup/mockup.h"
#include "hedis_mockup/progress.h"
#include "hedis_mockup/server.h"
#include "hedis_mockup/sql.h"
#include "hedis_mockup/status.h"
#include "hedis_mockup/tables.h"
#include "hedis_mockup/testcases.h"
#include "hedis_mockup/timeline.h"
#include "hedis_mockup/value_sets.h"

#include <gtest/gtest.h>

TEST(PublicHeadersTest, CompileTogether) { SUCCEED(); }

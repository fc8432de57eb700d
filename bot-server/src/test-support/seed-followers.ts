import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";

/**
 * For load tests and benchmarks: puts N residents into a village, each following the OA (ids the stand-in
 * knows when started with ZALO_STAND_IN_LOAD_TEST_FOLLOWERS ≥ N, see loadTestFollowerId) and having written to it just now.
 * `DATABASE_URL=file:x.db tsx seed-followers.ts <village id> <count>`. Synthetic names only.
 */
const [villageArg, countArg] = process.argv.slice(2);
const villageId = Number(villageArg);
const count = Number(countArg);
if (!Number.isInteger(villageId) || !Number.isInteger(count) || count < 1) {
  console.error("usage: seed-followers.ts <village id> <count>");
  process.exit(1);
}
const database = openDatabase(process.env.DATABASE_URL ?? "");
const now = Date.now();
database.db.transaction((tx) => {
  // One INSERT … SELECT per table over a recursive counter: 100,000 people in a second or two.
  tx.run(sql`
    with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ${count})
    insert into learners (display_name, village_id, created_at, consent_version, consented_at)
    select 'Người thử ' || i, ${villageId}, ${now}, 'load-test', ${now} from n`);
  const first = tx.get<{ id: number }>(sql`select min(id) as id from learners where consent_version = 'load-test'`)?.id ?? 0;
  // The stand-in's ids (loadTestFollowerId): "5" and the follower's number in 18 digits.
  const oaId = sql`'5' || printf('%018d', l.id - ${first})`;
  tx.run(sql`insert into learner_identities (learner_id, provider, subject, created_at)
    select l.id, 'zalo_oa', ${oaId}, ${now} from learners l where l.consent_version = 'load-test'`);
  tx.run(sql`insert into oa_conversations (oa_user_id, learner_id, step, reminders_stopped, followed, last_interaction_at, updated_at)
    select ${oaId}, l.id, 'idle', 0, 1, ${now}, ${now} from learners l where l.consent_version = 'load-test'`);
});
database.close();
console.log(`seeded ${count} followers into village ${villageId}`);

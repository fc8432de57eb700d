import { ERRORS } from "@hvs/shared/errors";
import { populationOn } from "@hvs/shared/indicators";
import { vietnameseDay } from "@hvs/shared/periods";
import { and, asc, eq } from "drizzle-orm";
import { vietnamDateTime } from "../admin/pages";
import { issueStaffPassword } from "../admin/staff-accounts";
import { INVITE_DAYS } from "../admin/team-page";
import { openDatabase } from "../db/client";
import { communes, provinces, staff, villages } from "../db/schema";
import { AppError } from "../http/app-error";
import { vietnamDay } from "../indicators/milestones";
import { populationHistory, recordPopulation } from "../indicators/populations";
import { createInvite } from "../teams/invites";

/**
 * Setting up a real commune before the staff pages can do it: `npm run setup -w bot-server -- <command>`.
 * Reads DATABASE_URL like the server. Prints results in Vietnamese; exits non-zero on any error.
 */
const USAGE = `Cách dùng (DATABASE_URL trỏ tới cơ sở dữ liệu):
  setup commune "<tên xã>"                              tạo xã, in ra mã xã
  setup village <mã xã> "<tên thôn>" <số người trưởng thành>   tạo thôn hoặc sửa số người trưởng thành
  setup staff <mã xã> <tên đăng nhập> [--tinh]          tạo tài khoản cán bộ xã (hoặc đặt lại mật khẩu), in mật khẩu một lần;
                                                        --tinh: cán bộ tỉnh (chỉ xem số liệu tổng hợp theo xã của tỉnh có xã này)
  setup province "<tên tỉnh>" <mã xã> [<mã xã>…]       tạo tỉnh (nếu chưa có) và đưa các xã vào tỉnh
  setup invite <mã thôn> "<họ tên>"                     tạo mã mời vào Tổ công nghệ số của thôn, in mã một lần
  setup list                                            liệt kê xã và thôn`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${what} phải là số nguyên không âm, nhận được "${value ?? ""}"`);
  return n;
}

const [command, ...args] = process.argv.slice(2);
const database = openDatabase(process.env.DATABASE_URL ?? "file:./data/hocvuso.db");
const { db } = database;
const now = new Date();

try {
  if (command === "commune") {
    const name = args[0]?.trim();
    if (!name) fail(USAGE);
    const row = db.insert(communes).values({ name }).returning().get();
    console.log(`Đã tạo xã "${row.name}", mã xã: ${row.id}`);
  } else if (command === "village") {
    const communeId = positiveInt(args[0], "Mã xã");
    const name = args[1]?.trim();
    const adults = positiveInt(args[2], "Số người trưởng thành");
    if (!name) fail(USAGE);
    if (!db.select().from(communes).where(eq(communes.id, communeId)).get()) fail(`Không có xã mã ${communeId}`);
    const today = vietnamDay(now);
    const row = db.transaction(
      (tx) => {
        const village =
          tx
            .select()
            .from(villages)
            .where(and(eq(villages.communeId, communeId), eq(villages.name, name)))
            .get() ?? tx.insert(villages).values({ communeId, name }).returning().get();
        // A figure from the command line applies from today; the staff page can enter one for another date.
        recordPopulation(tx, communeId, { villageId: village.id, adults, effectiveFrom: today }, { staffId: null, source: "setup" }, now);
        return village;
      },
      { behavior: "immediate" },
    );
    console.log(`Thôn "${row.name}" (mã ${row.id}): ${adults} người trưởng thành, áp dụng từ ${vietnameseDay(today)}`);
  } else if (command === "staff") {
    const communeId = positiveInt(args[0], "Mã xã");
    const username = args[1]?.trim().toLowerCase();
    if (!username || !/^[a-z0-9._-]{3,100}$/.test(username)) fail("Tên đăng nhập: 3–100 ký tự a-z, 0-9, dấu chấm, gạch ngang, gạch dưới");
    if (!db.select().from(communes).where(eq(communes.id, communeId)).get()) fail(`Không có xã mã ${communeId}`);
    const role = args.includes("--tinh") ? "province" : "commune";
    const password = await issueStaffPassword(db, { communeId, username, role }, now);
    console.log(
      `Tài khoản cán bộ ${role === "province" ? "tỉnh" : "xã"} "${username}" (xã mã ${communeId}). Mật khẩu (chỉ in lần này): ${password}`,
    );
  } else if (command === "province") {
    const name = args[0]?.trim();
    const communeIds = args.slice(1).map((id) => positiveInt(id, "Mã xã"));
    if (!name || communeIds.length === 0) fail(USAGE);
    for (const id of communeIds) if (!db.select().from(communes).where(eq(communes.id, id)).get()) fail(`Không có xã mã ${id}`);
    const province = db.transaction(
      (tx) => {
        const row =
          tx.select().from(provinces).where(eq(provinces.name, name)).get() ?? tx.insert(provinces).values({ name }).returning().get();
        for (const id of communeIds) tx.update(communes).set({ provinceId: row.id }).where(eq(communes.id, id)).run();
        return row;
      },
      { behavior: "immediate" },
    );
    console.log(`Tỉnh "${province.name}" (mã ${province.id}): đã đưa ${communeIds.length} xã vào tỉnh.`);
  } else if (command === "invite") {
    const villageId = positiveInt(args[0], "Mã thôn");
    const displayName = args[1]?.trim();
    if (!displayName) fail(USAGE);
    const village = db
      .select({ id: villages.id, name: villages.name, communeId: communes.id, communeName: communes.name })
      .from(villages)
      .innerJoin(communes, eq(communes.id, villages.communeId))
      .where(eq(villages.id, villageId))
      .get();
    if (!village) fail(`Không có thôn mã ${villageId} (xem danh sách bằng: setup list)`);
    // An invitation records which staff member made it: from the command line, the commune's first account.
    const creator = db
      .select({ id: staff.id, username: staff.username })
      .from(staff)
      .where(eq(staff.communeId, village.communeId))
      .orderBy(asc(staff.id))
      .limit(1)
      .get();
    if (!creator) {
      fail(
        `Xã "${village.communeName}" (mã ${village.communeId}) chưa có tài khoản cán bộ nào. ` +
          `Hãy tạo trước: setup staff ${village.communeId} <tên đăng nhập>`,
      );
    }
    let invite: { code: string; expiresAt: Date };
    try {
      invite = createInvite(db, { staffId: creator.id, communeId: village.communeId, villageId: village.id, displayName }, now);
    } catch (error) {
      if (error instanceof AppError) fail(error.publicMessage ?? ERRORS[error.code].message);
      throw error;
    }
    console.log(`Mời "${displayName}" vào Tổ công nghệ số của thôn "${village.name}" (ghi là cán bộ "${creator.username}" mời).`);
    console.log(`Mã mời: ${invite.code}`);
    console.log(`Hết hạn lúc ${vietnamDateTime(invite.expiresAt)} (giờ Việt Nam).`);
    console.log(
      `Hãy đưa mã tận tay hoặc đọc qua điện thoại cho chính người được mời. Mã chỉ dùng được một lần, trong vòng ${INVITE_DAYS} ngày, và không in lại được.`,
    );
  } else if (command === "list") {
    for (const commune of db.select().from(communes).all()) {
      const province = commune.provinceId ? db.select().from(provinces).where(eq(provinces.id, commune.provinceId)).get() : undefined;
      console.log(`Xã ${commune.id}: ${commune.name}${province ? ` (${province.name})` : ""}`);
      const list = db.select().from(villages).where(eq(villages.communeId, commune.id)).all();
      const history = populationHistory(
        db,
        list.map((v) => v.id),
      );
      for (const v of list) {
        console.log(`  Thôn ${v.id}: ${v.name} — ${populationOn(history.get(v.id) ?? [], vietnamDay(now))} người trưởng thành`);
      }
    }
  } else {
    fail(USAGE);
  }
} finally {
  database.close();
}

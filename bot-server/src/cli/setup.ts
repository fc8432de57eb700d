import { eq } from "drizzle-orm";
import { issueStaffPassword } from "../admin/staff-accounts";
import { openDatabase } from "../db/client";
import { communes, villages } from "../db/schema";

/**
 * Setting up a real commune before the staff pages can do it: `npm run setup -w bot-server -- <command>`.
 * Reads DATABASE_URL like the server. Prints results in Vietnamese; exits non-zero on any error.
 */
const USAGE = `Cách dùng (DATABASE_URL trỏ tới cơ sở dữ liệu):
  setup commune "<tên xã>"                              tạo xã, in ra mã xã
  setup village <mã xã> "<tên thôn>" <số người trưởng thành>   tạo thôn hoặc sửa số người trưởng thành
  setup staff <mã xã> <tên đăng nhập>                   tạo tài khoản cán bộ (hoặc đặt lại mật khẩu), in mật khẩu một lần
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
    const row = db
      .insert(villages)
      .values({ communeId, name, adultPopulation: adults })
      .onConflictDoUpdate({ target: [villages.communeId, villages.name], set: { adultPopulation: adults } })
      .returning()
      .get();
    console.log(`Thôn "${row.name}" (mã ${row.id}): ${row.adultPopulation} người trưởng thành`);
  } else if (command === "staff") {
    const communeId = positiveInt(args[0], "Mã xã");
    const username = args[1]?.trim().toLowerCase();
    if (!username || !/^[a-z0-9._-]{3,100}$/.test(username)) fail("Tên đăng nhập: 3–100 ký tự a-z, 0-9, dấu chấm, gạch ngang, gạch dưới");
    if (!db.select().from(communes).where(eq(communes.id, communeId)).get()) fail(`Không có xã mã ${communeId}`);
    const password = await issueStaffPassword(db, { communeId, username }, now);
    console.log(`Tài khoản cán bộ "${username}" (xã mã ${communeId}). Mật khẩu (chỉ in lần này): ${password}`);
  } else if (command === "list") {
    for (const commune of db.select().from(communes).all()) {
      console.log(`Xã ${commune.id}: ${commune.name}`);
      for (const v of db.select().from(villages).where(eq(villages.communeId, commune.id)).all()) {
        console.log(`  Thôn ${v.id}: ${v.name} — ${v.adultPopulation} người trưởng thành`);
      }
    }
  } else {
    fail(USAGE);
  }
} finally {
  database.close();
}

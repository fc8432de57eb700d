import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../admin/passwords";
import { openDatabase } from "../db/client";
import { communes, learners, staff, teamInvites, villagePopulations, villages } from "../db/schema";
import { joinTeam } from "../teams/invites";
import { membershipOf } from "../teams/membership";

const dir = mkdtempSync(join(tmpdir(), "hvs-setup-"));
const databaseUrl = `file:${join(dir, "setup.db")}`;
const script = fileURLToPath(new URL("./setup.ts", import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real command, as an IT officer would, against its own SQLite file. */
function setup(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run setup -w bot-server", () => {
  it("creates a commune, its villages and a staff account whose printed password works", async () => {
    const commune = setup("commune", "Xã Ia Thử");
    expect(commune.code).toBe(0);
    const communeId = /mã xã: (\d+)/.exec(commune.out)?.[1] ?? "";
    expect(setup("village", communeId, "Làng Ia Broăi", "312").out).toContain('Thôn "Làng Ia Broăi"');
    // Running it again corrects the adult population (a newer entry of the same day wins) instead of duplicating the village.
    expect(setup("village", communeId, "Làng Ia Broăi", "330").code).toBe(0);
    const account = setup("staff", communeId, "CanBo.Xa");
    expect(account.code).toBe(0);
    const password = /Mật khẩu \(chỉ in lần này\): (\S+)/.exec(account.out)?.[1] ?? "";
    expect(setup("list").out).toContain("Làng Ia Broăi — 330 người trưởng thành");

    const database = openDatabase(databaseUrl);
    try {
      expect(database.db.select().from(villages).all()).toMatchObject([{ name: "Làng Ia Broăi" }]);
      // Each figure is kept in the village's history, from today.
      expect(database.db.select().from(villagePopulations).all()).toMatchObject([
        { adults: 312, source: "setup", recordedBy: null },
        { adults: 330, source: "setup", recordedBy: null },
      ]);
      const row = database.db.select().from(staff).get();
      expect(row?.username).toBe("canbo.xa");
      expect(await verifyPassword(password, row?.passwordHash ?? "")).toBe(true);
    } finally {
      database.close();
    }
  });

  it("groups communes into a province and makes a province account", async () => {
    const first = /mã xã: (\d+)/.exec(setup("commune", "Xã Một").out)?.[1] ?? "";
    const second = /mã xã: (\d+)/.exec(setup("commune", "Xã Hai").out)?.[1] ?? "";
    expect(setup("province", "Tỉnh Thử", first, "999").err).toContain("Không có xã mã 999");
    expect(setup("province", "Tỉnh Thử", first, second).out).toContain('Tỉnh "Tỉnh Thử"');
    expect(setup("list").out).toContain("Xã Một (Tỉnh Thử)");
    const account = setup("staff", first, "tinh.thu", "--tinh");
    expect(account.out).toContain("cán bộ tỉnh");
    const database = openDatabase(databaseUrl);
    try {
      expect(database.db.select().from(staff).where(eq(staff.username, "tinh.thu")).get()?.role).toBe("province");
      expect(
        database.db
          .select()
          .from(communes)
          .all()
          .filter((c) => c.provinceId !== null),
      ).toHaveLength(2);
    } finally {
      database.close();
    }
  });

  it("prints an invitation code that joins the village's team, once", () => {
    const communeId = /mã xã: (\d+)/.exec(setup("commune", "Xã Mời Thử").out)?.[1] ?? "";
    const villageId = /\(mã (\d+)\)/.exec(setup("village", communeId, "Thôn Đồng Tâm", "120").out)?.[1] ?? "";
    // Another commune's staff account does not count: this commune has none yet.
    expect(setup("invite", villageId, "Nguyễn Thị Hòa")).toMatchObject({
      code: 1,
      err: expect.stringContaining(`setup staff ${communeId}`),
    });
    expect(setup("staff", communeId, "canbo.moi").code).toBe(0);
    expect(setup("staff", communeId, "canbo.moi2").code).toBe(0);

    const invite = setup("invite", villageId, "Nguyễn Thị Hòa");
    expect(invite.code).toBe(0);
    const code = /^Mã mời: ([0-9A-Z]{8})$/m.exec(invite.out)?.[1] ?? "";
    expect(code).not.toBe("");
    expect(invite.out).toMatch(/Hết hạn lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/);
    expect(invite.out).toContain("một lần, trong vòng 7 ngày");

    const database = openDatabase(databaseUrl);
    try {
      const { db } = database;
      // Recorded as made by the commune's first staff account.
      const first = db.select().from(staff).where(eq(staff.username, "canbo.moi")).get();
      expect(db.select().from(teamInvites).get()).toMatchObject({
        createdBy: first?.id,
        villageId: Number(villageId),
        displayName: "Nguyễn Thị Hòa",
      });
      const person = db.insert(learners).values({ displayName: "Hòa", createdAt: new Date() }).returning().get();
      const memberId = joinTeam(db, person.id, code, new Date());
      expect(membershipOf(db, person.id)).toMatchObject({ memberId, villageId: Number(villageId), displayName: "Nguyễn Thị Hòa" });
      const someoneElse = db.insert(learners).values({ displayName: "Khác", createdAt: new Date() }).returning().get();
      expect(() => joinTeam(db, someoneElse.id, code, new Date())).toThrow("INVITE_INVALID");
    } finally {
      database.close();
    }

    expect(setup("invite", "999", "Ai Đó")).toMatchObject({ code: 1, err: expect.stringContaining("Không có thôn mã 999") });
    expect(setup("invite", villageId, "A")).toMatchObject({ code: 1, err: expect.stringContaining("Hãy nhập họ tên người được mời") });
  }, 30_000); // eight runs of the real command

  it("refuses bad input with a Vietnamese message and a non-zero exit", () => {
    expect(setup("village", "999", "Thôn Ma", "10")).toMatchObject({ code: 1, err: expect.stringContaining("Không có xã mã 999") });
    expect(setup("village", "1", "Thôn Âm", "-5")).toMatchObject({ code: 1, err: expect.stringContaining("số nguyên không âm") });
    expect(setup("staff", "1", "a b")).toMatchObject({ code: 1, err: expect.stringContaining("Tên đăng nhập") });
    expect(setup("khong-co")).toMatchObject({ code: 1, err: expect.stringContaining("Cách dùng") });
  });
});

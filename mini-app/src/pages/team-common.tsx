import type { ClaimCode, RosterEntry } from "@hvs/shared/team";
import { ROSTER_STATUS_LABEL } from "@hvs/shared/team-rules";
import { useCallback, useEffect, useState } from "react";
import { Box, Text } from "zmp-ui";
import { ApiError } from "../api";
import { useCall } from "../session";
import "./team.css";
import { vietnamClock } from "@hvs/shared/vietnam-time";

/** Pieces the team screens share: codes, dates, a roster line, a fetch that keeps nothing on the phone. */

/**
 * What a person typed as a code, as the server reads it: capitals, no spaces or dashes. Codes never use
 * I, L, O or U, so a misread O is a zero and an I or L a one.
 */
export function normalizeCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s.-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export const isCode = (code: string) => /^[0-9A-HJKMNP-TV-Z]{8}$/.test(code);

/** 7KQ2M9XD → 7KQ2-M9XD: two halves are easier to read aloud and copy onto paper. */
export function formatCode(code: string): string {
  const plain = normalizeCode(code);
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

export const CODE_HINT = "Mã gồm 8 chữ và số, ví dụ 7KQ2-M9XD.";

/** A big field for an 8-character code. */
export function CodeField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">{label}</span>
      <input
        id={id}
        className="code-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoCapitalize="characters"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={12}
        placeholder="XXXX-XXXX"
      />
    </label>
  );
}

export const dateVi = (iso: string) => new Date(iso.length === 10 ? `${iso}T12:00:00+07:00` : iso).toLocaleDateString("vi-VN");
export const dateTimeVi = (iso: string) =>
  new Date(iso).toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });

/** Today in Vietnam (UTC+7 all year), as NNNN-TT-NN, whatever zone the phone is set to. */
export function vietnamToday(): string {
  return vietnamClock(new Date()).date;
}

/** The words to show for a failure: the server's Vietnamese message, or a plain one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return "Chưa làm được. Vui lòng thử lại.";
}

/** "Bỏ dở 12 ngày", "Đang học · 3 bài", … */
export function statusLine(entry: RosterEntry): string {
  const label = ROSTER_STATUS_LABEL[entry.status];
  if (entry.status === "stalled" && entry.idleDays !== null) return `${label} ${entry.idleDays} ngày`;
  if (entry.status === "learning") return `${label} · ${entry.lessonsCompleted} bài đã xong`;
  return label;
}

export const nameOf = (entry: { displayName: string | null }) => entry.displayName ?? "(chưa có tên)";

/** The claim code shown large, with what to do with it. */
export function ClaimCodeCard({ name, claim }: { name: string; claim: ClaimCode }) {
  return (
    <Box className="claim-card" role="status">
      <Text>Mã nhận tài khoản của {name}:</Text>
      <p className="big-code" data-testid="claim-code">
        {formatCode(claim.code)}
      </p>
      <Text className="muted">Dùng được đến hết ngày {dateVi(claim.expiresAt)}.</Text>
      <Text>
        Hãy viết mã này ra giấy đưa cho {name}. Khi họ mở Học Vụ Số bằng Zalo của chính họ, họ bấm “Nhập mã nhận tài khoản” và nhập mã này,
        để việc học của họ nằm chung một hồ sơ.
      </Text>
    </Box>
  );
}

/**
 * GETs a team path fresh each time. Unlike useApi it keeps no copy on the phone: the roster holds other
 * people's names and numbers, and every search would push a lesson kept for offline reading out.
 */
export function useFresh<T>(path: string | null) {
  const call = useCall();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (path === null || reloads < 0) return;
    let live = true;
    // The rows already on screen stay while the next ones load (typing in the search box).
    setState((s) => ({ ...s, error: null, loading: true }));
    call<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      // What was on screen stays under the message (a refresh that failed, a search without a signal).
      (error) => live && setState((s) => ({ data: s.data, error: messageOf(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [path, call, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...state, reload };
}

/** The value after the person stops typing for a moment, so a search is not sent at every letter. */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

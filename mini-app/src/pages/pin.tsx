import { useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { ErrorBox, Heading } from "../components";
import "./family.css";

export const PIN_LENGTH = 4;
const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/**
 * Four digits on a keypad as big as a thumb, shown as dots. When the fourth is typed it is handed over
 * at once (no extra "OK" to find); the dots empty again for another try if it was not right.
 */
export function PinPad({
  title,
  note,
  problem,
  busy = false,
  locked = false,
  onComplete,
  onCancel,
  cancelLabel = "Quay lại",
}: {
  title: string;
  note?: string;
  /** Why the last PIN was not accepted (wrong, locked, not the same twice…). */
  problem?: string | null;
  busy?: boolean;
  /** Too many wrong tries: the keys wait. */
  locked?: boolean;
  onComplete: (pin: string) => Promise<void> | void;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const [typed, setTyped] = useState("");
  const disabled = busy || locked;

  async function press(digit: string) {
    if (disabled || typed.length >= PIN_LENGTH) return;
    const next = typed + digit;
    setTyped(next);
    if (next.length < PIN_LENGTH) return;
    try {
      await onComplete(next);
    } finally {
      setTyped("");
    }
  }

  return (
    <Box className="pin-pad">
      <Heading size="large">{title}</Heading>
      {note && (
        <Text size="large" className="muted">
          {note}
        </Text>
      )}
      <div className="pin-dots" role="status" aria-label={`Đã nhập ${typed.length} trên ${PIN_LENGTH} số`}>
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the four places of the PIN, always the same
          <span key={i} className={`pin-dot${i < typed.length ? " filled" : ""}`} />
        ))}
      </div>
      {problem && (
        <Box className="pin-message">
          <ErrorBox message={problem} />
        </Box>
      )}
      <div className="pin-keys">
        {DIGITS.map((digit) => (
          <button key={digit} type="button" disabled={disabled} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <span />
        <button type="button" disabled={disabled} onClick={() => press("0")}>
          0
        </button>
        <button
          type="button"
          className="pin-erase"
          disabled={disabled || typed.length === 0}
          aria-label="Xóa số vừa nhập"
          onClick={() => setTyped((t) => t.slice(0, -1))}
        >
          Xóa
        </button>
      </div>
      {onCancel && (
        <Box mt={2} style={{ width: "100%" }}>
          <Button fullWidth size="large" variant="tertiary" onClick={onCancel}>
            {cancelLabel}
          </Button>
        </Box>
      )}
    </Box>
  );
}

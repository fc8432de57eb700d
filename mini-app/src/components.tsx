import type { ReactNode } from "react";
import { Box, Button, Header, Spinner, Text } from "zmp-ui";

export function Loading({ label = "Đang tải…" }: { label?: string }) {
  return (
    <Box className="center-box" role="status" aria-live="polite">
      <Spinner visible />
      <Text size="large">{label}</Text>
    </Box>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Box className="error-box" role="alert">
      <Text size="large">{message}</Text>
      {onRetry && (
        <Button fullWidth size="large" onClick={onRetry}>
          Thử lại
        </Button>
      )}
    </Box>
  );
}

/** A real heading (zmp-ui's Text.Title is a span), styled like zmp-ui's titles. */
export function Heading({ children, size = "xLarge", id }: { children: ReactNode; size?: "xLarge" | "large" | "normal"; id?: string }) {
  const Tag = size === "xLarge" ? "h1" : "h2";
  return (
    <Tag id={id} className={`heading zaui-text-title zaui-text-title-${size}`}>
      {children}
    </Tag>
  );
}

export function Screen({ children }: { children: ReactNode }) {
  return <Box className="screen">{children}</Box>;
}

/**
 * zmp-ui's Header draws its back arrow with an icon font from Zalo's CDN, which a weak or absent network
 * shows as the text "zi_chevron_left"; this arrow is inline.
 */
export function AppHeader({ title, showBack = true }: { title: string; showBack?: boolean }) {
  return (
    <>
      <Header
        title={title}
        showBackIcon={showBack}
        backIcon={
          <svg width="24" height="24" viewBox="0 0 24 24" role="img" aria-label="Quay lại">
            <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        }
      />
      {/* The header is position: fixed; this keeps the page's first lines from sliding under it. */}
      <div className="header-spacer" />
    </>
  );
}

/**
 * Asks before something that cannot be taken back (deleting data, leaving a household, cancelling a
 * campaign): the question, what it means, then the act in red and the way back, both large.
 */
export function DangerConfirm({
  id,
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
  mt,
}: {
  id: string;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  mt?: number;
}) {
  return (
    <Box className="danger-box" mt={mt} role="alertdialog" aria-labelledby={id}>
      <Text id={id} bold size="large">
        {title}
      </Text>
      {children && <Text>{children}</Text>}
      <Box mt={2}>
        <Button fullWidth size="large" className="danger-button" loading={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </Box>
      <Box mt={2}>
        <Button fullWidth size="large" variant="tertiary" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </Box>
    </Box>
  );
}

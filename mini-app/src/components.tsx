import type { ReactNode } from "react";
import { Box, Button, Spinner, Text } from "zmp-ui";

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

export function Screen({ children }: { children: ReactNode }) {
  return <Box className="screen">{children}</Box>;
}

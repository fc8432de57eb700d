/** Past this many pending characters the lines are written at once, so a flood cannot grow the buffer. */
const MAX_PENDING_CHARS = 64 * 1024;

export interface LineLog {
  line: (text: string) => void;
  /** Writes what is pending now; call it before the process exits. */
  flush: () => void;
}

/**
 * The per-request log line, batched: one write per turn of the event loop instead of one per request.
 * stdout to a file or a pipe is a blocking write on Linux, and at a few thousand requests a second the
 * syscalls cost as much as the rest of a request's work. A line waits at most one turn; a hard crash can
 * lose the lines of that turn, never more.
 */
export function createLineLog(write: (chunk: string) => void): LineLog {
  let pending: string[] = [];
  let pendingChars = 0;
  let scheduled = false;

  function flush() {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = `${pending.join("\n")}\n`;
    pending = [];
    pendingChars = 0;
    write(chunk);
  }

  return {
    line(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= MAX_PENDING_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

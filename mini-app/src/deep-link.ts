import { useEffect } from "react";
import { useNavigate } from "zmp-ui";

/**
 * Links that open the app somewhere: `?lesson=<id>` (the chatbot), `?invite=<code>` (a staff member's
 * invitation to a village team), `?claim=<code>` (the code a team gave a resident it signed up). Each is
 * acted on once per page load: going back to home afterwards must not bounce into it again.
 */
const params = new URLSearchParams(window.location.search);
const taken = new Set<string>();
type LinkName = "lesson" | "invite" | "claim";

/** The link's value without using it up (a screen before home may offer it). */
export function peekLink(name: LinkName): string | null {
  return taken.has(name) ? null : params.get(name);
}

/** The link's value the first time it is asked for; null after that. */
export function takeLink(name: LinkName): string | null {
  const value = peekLink(name);
  taken.add(name);
  return value;
}

// A screen to open after the next session change (a new session starts at home): e.g. the team screen
// after assisted learning ends.
let landing: string | null = null;
export function landOn(path: string) {
  landing = path;
}

/** Opens a linked screen on top of home once the person is signed in and has a village, so "back" leads home. */
export function useDeepLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    if (landing) {
      const path = landing;
      landing = null;
      navigate(path);
      return;
    }
    const invite = takeLink("invite");
    const claim = takeLink("claim");
    const lesson = takeLink("lesson");
    if (invite) navigate("/team/join", { state: { code: invite } });
    else if (claim) navigate("/claim", { state: { code: claim } });
    else if (lesson && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(lesson)) navigate(`/lesson/${lesson}`);
  }, [navigate]);
}

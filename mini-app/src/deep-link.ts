import { useEffect } from "react";
import { useNavigate } from "zmp-ui";

// Once per page load: going back to home afterwards must not bounce into the lesson again.
let used = false;

/**
 * A lesson link from the chatbot (`?lesson=<id>`) opens that lesson once the person is signed in and has a
 * village, on top of home, so "back" leads to home as usual.
 */
export function useLessonLink() {
  const navigate = useNavigate();
  useEffect(() => {
    if (used) return;
    used = true;
    const id = new URLSearchParams(window.location.search).get("lesson");
    if (id && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) navigate(`/lesson/${id}`);
  }, [navigate]);
}

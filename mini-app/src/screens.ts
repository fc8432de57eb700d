import { type ComponentType, lazy } from "react";

// Only the home screen is in the first download; the other screens (and zmp-sdk, which only sign-in needs)
// load next, in the background, so a slow phone paints the home screen sooner.
const screens = {
  signIn: () => import("./pages/sign-in").then((m) => ({ default: m.SignInPage })),
  village: () => import("./pages/village").then((m) => ({ default: m.VillagePage })),
  lesson: () => import("./pages/lesson").then((m) => ({ default: m.LessonPage })),
  quiz: () => import("./pages/quiz").then((m) => ({ default: m.QuizPage })),
  result: () => import("./pages/result").then((m) => ({ default: m.ResultPage })),
  myData: () => import("./pages/my-data").then((m) => ({ default: m.MyDataPage })),
  certificates: () => import("./pages/certificates").then((m) => ({ default: m.CertificatesPage })),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;
export const SignInPage = lazy(screens.signIn);
export const VillagePage = lazy(screens.village);
export const LessonPage = lazy(screens.lesson);
export const QuizPage = lazy(screens.quiz);
export const ResultPage = lazy(screens.result);
export const MyDataPage = lazy(screens.myData);
export const CertificatesPage = lazy(screens.certificates);

/**
 * Fetches the learning screens once the home screen has its data, so they do not compete with it for a
 * slow link; they must be on the phone before the signal goes, or a lesson kept for offline reading would
 * have no screen to show it in.
 */
export function loadLearningScreens() {
  for (const load of [screens.lesson, screens.quiz, screens.result, screens.myData, screens.certificates]) void load();
}

import type { Me } from "@hvs/shared/api";
import { Component, type ReactNode, Suspense, useEffect } from "react";
import { AnimationRoutes, App, Page, Route, ZMPRouter } from "zmp-ui";
import { AssistBanner } from "./assist";
import { ErrorBox, Loading } from "./components";
import { HomePage } from "./pages/home";
import {
  CertificatesPage,
  FAMILY_ROUTES,
  LessonPage,
  MyDataPage,
  ProfilePickerPage,
  QuizPage,
  ResultPage,
  SignInPage,
  TEAM_ROUTES,
  VillagePage,
} from "./screens";
import { SessionProvider, useSession } from "./session";
import { SyncProvider } from "./sync";
import { useApi } from "./use-api";

/**
 * A screen's code arrives in its own small file; when that download fails (the signal went before it was
 * fetched) the learner gets a message and a retry, not a blank app.
 */
class ScreenLoadFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Page className="page">
        <ErrorBox message="Chưa tải được màn hình này. Hãy kiểm tra mạng rồi thử lại." onRetry={() => window.location.reload()} />
      </Page>
    );
  }
}

function Screen({ children }: { children: ReactNode }) {
  return (
    <ScreenLoadFailed>
      <Suspense
        fallback={
          <Page className="page">
            <Loading />
          </Page>
        }
      >
        {children}
      </Suspense>
    </ScreenLoadFailed>
  );
}

/** Who is this and where do they live: both must be known before the learning screens make sense. */
function Gate() {
  const { token, me, setMe, assisting, profileChosen } = useSession();
  const fetched = useApi<Me>(token && !me ? "/api/me" : null);
  useEffect(() => {
    if (fetched.data) setMe(fetched.data);
  }, [fetched.data, setMe]);

  if (!token) {
    return (
      <Screen>
        <SignInPage />
      </Screen>
    );
  }
  if (!me) {
    return (
      <Page className="page">{fetched.error ? <ErrorBox message={fetched.error.message} onRetry={fetched.reload} /> : <Loading />}</Page>
    );
  }
  if (!me.village) {
    return (
      <Screen>
        <VillagePage />
      </Screen>
    );
  }
  // A phone several people of a family learn on asks who it is before home (kept copies of an older `me`
  // may have no `family`: one learner then).
  if (!assisting && !profileChosen && (me.family?.profileCount ?? 1) > 1) {
    return (
      <Screen>
        <ProfilePickerPage />
      </Screen>
    );
  }
  return (
    <AnimationRoutes>
      <Route path="/" element={<HomePage />} />
      <Route
        path="/lesson/:lessonId"
        element={
          <Screen>
            <LessonPage />
          </Screen>
        }
      />
      <Route
        path="/quiz/:quizId"
        element={
          <Screen>
            <QuizPage />
          </Screen>
        }
      />
      <Route
        path="/result"
        element={
          <Screen>
            <ResultPage />
          </Screen>
        }
      />
      <Route
        path="/certificates"
        element={
          <Screen>
            <CertificatesPage />
          </Screen>
        }
      />
      <Route
        path="/my-data"
        element={
          <Screen>
            <MyDataPage />
          </Screen>
        }
      />
      {[...TEAM_ROUTES, ...FAMILY_ROUTES].map(([path, TeamScreen]) => (
        <Route
          key={path}
          path={path}
          element={
            <Screen>
              <TeamScreen />
            </Screen>
          }
        />
      ))}
    </AnimationRoutes>
  );
}

/** A new router per session: after signing out, the next person starts at home, not on the last screen. */
function KeyedRouter() {
  const { token } = useSession();
  return (
    <ZMPRouter memoryRouter key={token ?? "signed-out"}>
      <Gate />
    </ZMPRouter>
  );
}

export function Root() {
  return (
    <App>
      <SessionProvider>
        {/* Memory routing: the same bundle works inside Zalo (under /zapps/<id>) and on a desktop localhost.
            zmp-ui's Page needs a router around it, so the router wraps the sign-in screens too. */}
        <SyncProvider>
          <KeyedRouter />
          <AssistBanner />
        </SyncProvider>
      </SessionProvider>
    </App>
  );
}

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
  // The village team's screens (Tổ công nghệ số) and the resident's claim: only those who use them download them.
  teamHub: () => import("./pages/team-hub").then((m) => ({ default: m.TeamHubPage })),
  teamRoster: () => import("./pages/team-roster").then((m) => ({ default: m.TeamRosterPage })),
  teamRegister: () => import("./pages/team-register").then((m) => ({ default: m.TeamRegisterPage })),
  teamClass: () => import("./pages/team-class").then((m) => ({ default: m.TeamClassPage })),
  teamCampaigns: () => import("./pages/team-campaigns").then((m) => ({ default: m.TeamCampaignsPage })),
  teamCampaignNew: () => import("./pages/team-campaign-new").then((m) => ({ default: m.TeamCampaignNewPage })),
  teamCampaign: () => import("./pages/team-campaign").then((m) => ({ default: m.TeamCampaignPage })),
  teamJoin: () => import("./pages/team-join").then((m) => ({ default: m.TeamJoinPage })),
  claim: () => import("./pages/team-claim").then((m) => ({ default: m.ClaimPage })),
  // A family phone: who is learning, the family's profiles; real tasks and the household.
  profilePicker: () => import("./pages/profiles").then((m) => ({ default: m.ProfilePickerPage })),
  profiles: () => import("./pages/profiles").then((m) => ({ default: m.ProfilesPage })),
  profileAdd: () => import("./pages/profile-add").then((m) => ({ default: m.AddProfilePage })),
  tasks: () => import("./pages/tasks").then((m) => ({ default: m.TasksPage })),
  teamHouseholds: () => import("./pages/team-households").then((m) => ({ default: m.TeamHouseholdsPage })),
  teamHousehold: () => import("./pages/team-households").then((m) => ({ default: m.TeamHouseholdPage })),
  teamResidentTasks: () => import("./pages/team-resident-tasks").then((m) => ({ default: m.TeamResidentTasksPage })),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;
export const SignInPage = lazy(screens.signIn);
export const VillagePage = lazy(screens.village);
export const LessonPage = lazy(screens.lesson);
export const QuizPage = lazy(screens.quiz);
export const ResultPage = lazy(screens.result);
export const MyDataPage = lazy(screens.myData);
export const CertificatesPage = lazy(screens.certificates);
/** "Ai đang học?", asked before home on a phone several people of a family learn on. */
export const ProfilePickerPage = lazy(screens.profilePicker);

/** Routes to the team's screens and the claim screen, each loaded when first opened. */
export const TEAM_ROUTES: [path: string, screen: ComponentType][] = [
  ["/team", lazy(screens.teamHub)],
  ["/team/roster", lazy(screens.teamRoster)],
  ["/team/register", lazy(screens.teamRegister)],
  ["/team/class", lazy(screens.teamClass)],
  ["/team/campaigns", lazy(screens.teamCampaigns)],
  ["/team/campaigns/new", lazy(screens.teamCampaignNew)],
  ["/team/campaigns/:campaignId", lazy(screens.teamCampaign)],
  ["/team/join", lazy(screens.teamJoin)],
  ["/team/households", lazy(screens.teamHouseholds)],
  ["/team/households/:householdId", lazy(screens.teamHousehold)],
  ["/team/residents/:learnerId/tasks", lazy(screens.teamResidentTasks)],
  ["/claim", lazy(screens.claim)],
];

/** The family's profiles and the real tasks (with the household), each loaded when first opened. */
export const FAMILY_ROUTES: [path: string, screen: ComponentType][] = [
  ["/profiles", lazy(screens.profiles)],
  ["/profiles/add", lazy(screens.profileAdd)],
  ["/tasks", lazy(screens.tasks)],
];

/** The claim form, for the village screen of someone a team signed up. */
export const ClaimForm = lazy(() => import("./pages/team-claim").then((m) => ({ default: m.ClaimForm })));

/**
 * Fetches the learning screens once the home screen has its data, so they do not compete with it for a
 * slow link; they must be on the phone before the signal goes, or a lesson kept for offline reading would
 * have no screen to show it in.
 */
export function loadLearningScreens() {
  for (const load of [screens.lesson, screens.quiz, screens.result, screens.myData, screens.certificates, screens.tasks, screens.profiles])
    void load();
}

/** For a team member, the team screens they use most, fetched the same way after home. */
export function loadTeamScreens() {
  for (const load of [screens.teamHub, screens.teamRoster, screens.teamRegister, screens.teamHouseholds]) void load();
}

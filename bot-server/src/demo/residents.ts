/**
 * Invented people for demo mode: the stand-in issues Zalo tokens for them and the seed places them in
 * villages. The ids look like Zalo's app-scoped ids (long digit strings) but belong to nobody.
 */
export interface DemoResident {
  zaloId: string;
  name: string;
  village: string;
  /** Finished the lesson already, so the dashboard does not start all at zero. */
  alreadyLearned: boolean;
}

export const DEMO_COMMUNE = "Xã Hòa Bình (dữ liệu mẫu)";

export const DEMO_VILLAGES = [
  { name: "Thôn Đồng Tâm", adults: 412 },
  { name: "Thôn Hòa Hợp", adults: 356 },
  { name: "Làng Kon Sơ", adults: 238 },
] as const;

export const DEMO_RESIDENTS: DemoResident[] = [
  { zaloId: "5100000000000000001", name: "Nguyễn Thị Lan", village: "Thôn Đồng Tâm", alreadyLearned: false },
  { zaloId: "5100000000000000002", name: "Trần Văn Hùng", village: "Thôn Đồng Tâm", alreadyLearned: false },
  { zaloId: "5100000000000000003", name: "Lê Thị Mai", village: "Thôn Hòa Hợp", alreadyLearned: true },
  { zaloId: "5100000000000000004", name: "Đinh Văn Blơng", village: "Làng Kon Sơ", alreadyLearned: false },
  { zaloId: "5100000000000000005", name: "Y Hđơk", village: "Làng Kon Sơ", alreadyLearned: true },
];

export const DEMO_STAFF_USERNAME = "canbo";

/**
 * People Zalo knows who have never opened the mini app: the chat simulator's newcomers, who meet the OA
 * first (consent, village, a first lesson in the chat). Not seeded as learners.
 */
export const DEMO_CHAT_ONLY: { zaloId: string; name: string }[] = [
  { zaloId: "5100000000000000101", name: "Hà Văn Sáng" },
  { zaloId: "5100000000000000102", name: "Nông Thị Hoa" },
  { zaloId: "5100000000000000103", name: "Lò Văn Pọm" },
];

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Catalogue, type Course, CourseManifest, Curriculum, HouseholdRule, type Lesson, Program, Quiz, Task } from "@hvs/shared/content";
import { z } from "zod";
import { compileLesson } from "./lesson";
import { ContentError, type Problem } from "./problems";
import { issuesWithLines, parseYamlSource, type YamlSource } from "./yaml-source";

export { ContentError } from "./problems";

// Authors read these messages: zod's own wording in Vietnamese.
z.config(z.locales.vi());

const LESSON_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([a-z]{2,3}))?\.md$/;

export interface CheckResult {
  curriculum: Curriculum | null;
  problems: Problem[];
}

/**
 * Reads `courses/`, `programs/`, `tasks/` and `households.yaml` under `root`, checks every rule in AUTHORING.md and compiles what it can.
 * Problems carry file and line; the curriculum is null when there is any.
 */
export function checkContent(root: string): CheckResult {
  const problems: Problem[] = [];
  const at = (file: string) => (line: number, message: string) => problems.push({ file: relative(root, file), line, message });

  function readYaml<T extends z.ZodType>(file: string, schema: T): { value: z.output<T>; source: YamlSource } | null {
    const source = parseYamlSource(readFileSync(file, "utf8"));
    if (source.syntaxError) {
      at(file)(source.syntaxError.line, `YAML không đọc được: ${source.syntaxError.message}`);
      return null;
    }
    const parsed = schema.safeParse(source.data);
    if (!parsed.success) {
      for (const issue of issuesWithLines(parsed.error, source)) at(file)(issue.line, issue.message);
      return null;
    }
    return { value: parsed.data, source };
  }

  const coursesDir = join(root, "courses");
  const courseDirs = existsSync(coursesDir) ? readdirSync(coursesDir, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  if (courseDirs.length === 0) problems.push({ file: "courses", line: 1, message: "không có khóa học nào" });

  const courses: Course[] = [];
  // Where each id was defined, to name both places of a duplicate.
  const defined = new Map<string, { file: string; line: number }>();
  const define = (kind: string, id: string, file: string, line: number) => {
    const key = `${kind}:${id}`;
    const first = defined.get(key);
    if (first) at(file)(line, `id "${id}" đã dùng cho ${kind} khác ở ${first.file}:${first.line}`);
    else defined.set(key, { file: relative(root, file), line });
  };

  for (const dir of courseDirs) {
    const courseDir = join(coursesDir, dir.name);
    const manifestFile = join(courseDir, "course.yaml");
    if (!existsSync(manifestFile)) {
      at(courseDir)(1, "thiếu course.yaml");
      continue;
    }
    const manifest = readYaml(manifestFile, CourseManifest);
    if (!manifest) continue;
    const { value: course, source: courseSource } = manifest;
    if (course.id !== dir.name) at(manifestFile)(courseSource.lineOf(["id"]), `id "${course.id}" phải trùng tên thư mục "${dir.name}"`);
    define("khóa học", course.id, manifestFile, courseSource.lineOf(["id"]));

    // Facts need their public source (issue: "every procedural claim must match what the agency publishes").
    const sourcesFile = join(courseDir, "sources.md");
    if (!existsSync(sourcesFile)) at(manifestFile)(1, "khóa học cần tệp sources.md liệt kê các trang công khai làm nguồn");
    else if (!/https?:\/\/\S+/.test(readFileSync(sourcesFile, "utf8"))) at(sourcesFile)(1, "sources.md chưa có địa chỉ trang nguồn nào");

    // Quizzes: every file is checked, referenced or not, so one broken lesson does not hide a broken quiz.
    const quizzes = new Map<string, { quiz: Quiz | null; file: string }>();
    const quizDir = join(courseDir, "quizzes");
    for (const name of existsSync(quizDir) ? readdirSync(quizDir).filter((f) => f.endsWith(".yaml")) : []) {
      const file = join(quizDir, name);
      const id = name.slice(0, -".yaml".length);
      const loaded = readYaml(file, Quiz);
      if (loaded && loaded.value.id !== id) at(file)(loaded.source.lineOf(["id"]), `id "${loaded.value.id}" phải trùng tên tệp "${id}"`);
      if (loaded) define("bài kiểm tra", id, file, loaded.source.lineOf(["id"]));
      quizzes.set(id, { quiz: loaded && loaded.value.id === id ? loaded.value : null, file });
    }

    // Lessons: listed ones in order; files nobody lists cannot be reached by a learner.
    const lessonDir = join(courseDir, "lessons");
    const lessonFiles = existsSync(lessonDir) ? readdirSync(lessonDir).filter((f) => f.endsWith(".md")) : [];
    const translationsOf = new Map<string, { lang: string; file: string }[]>();
    for (const name of lessonFiles) {
      const match = LESSON_FILE.exec(name);
      const id = match?.[1];
      const lang = match?.[2];
      if (!id) {
        at(join(lessonDir, name))(1, "tên tệp bài học phải là <id>.md hoặc <id>.<mã-ngôn-ngữ>.md");
      } else if (lang) {
        translationsOf.set(id, [...(translationsOf.get(id) ?? []), { lang, file: join(lessonDir, name) }]);
      } else if (!course.lessons.includes(id)) {
        at(join(lessonDir, name))(
          1,
          `bài học không có trong danh sách lessons của ${relative(root, manifestFile)}: người học không mở được`,
        );
      }
    }

    const lessons: Lesson[] = [];
    const used = new Set<string>([course.finalQuiz]);
    let brokenLessons = 0;
    for (const [index, lessonId] of course.lessons.entries()) {
      const file = join(lessonDir, `${lessonId}.md`);
      if (!existsSync(file)) {
        at(manifestFile)(courseSource.lineOf(["lessons", index]), `bài "${lessonId}" không có tệp lessons/${lessonId}.md`);
        continue;
      }
      const compiled = compileLesson(file, join(root, "courses"), { id: lessonId, translation: false }, at(file));
      if (!compiled) {
        brokenLessons++;
        continue;
      }
      define("bài học", lessonId, file, 2);
      const { meta } = compiled;
      if (meta.quiz) {
        used.add(meta.quiz);
        if (!quizzes.has(meta.quiz)) at(file)(3, `bài kiểm tra "${meta.quiz}" không có tệp quizzes/${meta.quiz}.yaml`);
      }
      const translations: Lesson["translations"] = {};
      for (const t of translationsOf.get(lessonId) ?? []) {
        const translated = compileLesson(t.file, join(root, "courses"), { id: lessonId, translation: true }, at(t.file));
        if (!translated) continue;
        if (translated.meta.version !== meta.version)
          at(t.file)(2, `bản dịch theo version ${translated.meta.version}, bài gốc đã là version ${meta.version}`);
        translations[t.lang] = { title: translated.meta.title, objectives: translated.meta.objectives, html: translated.html };
      }
      const { audio: _path, ...rest } = meta;
      lessons.push({ ...rest, html: compiled.html, words: compiled.words, audio: compiled.audio, translations });
    }
    for (const [id, files] of translationsOf) {
      if (!course.lessons.includes(id)) for (const t of files) at(t.file)(1, `bản dịch của bài "${id}" không có trong khóa học`);
    }
    if (!quizzes.has(course.finalQuiz)) {
      at(manifestFile)(
        courseSource.lineOf(["finalQuiz"]),
        `bài kiểm tra cuối khóa "${course.finalQuiz}" không có tệp quizzes/${course.finalQuiz}.yaml`,
      );
    }
    // A lesson that failed to load may be the one using a quiz: only then-unused quizzes are reported.
    for (const [id, { file }] of brokenLessons > 0 ? [] : quizzes) {
      if (!used.has(id)) at(file)(1, "không bài học nào dùng bài kiểm tra này, và nó không phải bài kiểm tra cuối khóa");
    }
    const usable = [...used].map((id) => quizzes.get(id)?.quiz).filter((q): q is Quiz => q != null);
    courses.push({ id: course.id, title: course.title, summary: course.summary, finalQuiz: course.finalQuiz, lessons, quizzes: usable });
  }

  // The catalogue fixes the order learners see; a course missing from it would silently sit at the end.
  const catalogueFile = join(root, "catalogue.yaml");
  if (existsSync(catalogueFile)) {
    const catalogue = readYaml(catalogueFile, Catalogue);
    if (catalogue) {
      const order = catalogue.value.courses;
      for (const course of courses) {
        if (!order.includes(course.id)) at(catalogueFile)(1, `khóa học "${course.id}" chưa có trong danh sách courses`);
      }
      for (const [index, id] of order.entries()) {
        if (!courseDirs.some((d) => d.name === id))
          at(catalogueFile)(catalogue.source.lineOf(["courses", index]), `không có khóa học "${id}"`);
      }
      courses.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    }
  }

  const programs: Program[] = [];
  const programDir = join(root, "programs");
  for (const name of existsSync(programDir) ? readdirSync(programDir).filter((f) => f.endsWith(".yaml")) : []) {
    const file = join(programDir, name);
    const loaded = readYaml(file, Program);
    if (!loaded) continue;
    const { value: program, source } = loaded;
    if (`${program.id}.yaml` !== name) at(file)(source.lineOf(["id"]), `id "${program.id}" phải trùng tên tệp "${name}"`);
    for (const [index, courseId] of program.courses.entries()) {
      if (!courses.some((c) => c.id === courseId) && !courseDirs.some((d) => d.name === courseId)) {
        at(file)(source.lineOf(["courses", index]), `không có khóa học "${courseId}"`);
      }
    }
    programs.push(program);
  }

  const tasks: Task[] = [];
  const taskDir = join(root, "tasks");
  for (const name of existsSync(taskDir) ? readdirSync(taskDir).filter((f) => f.endsWith(".yaml")) : []) {
    const file = join(taskDir, name);
    const loaded = readYaml(file, Task);
    if (!loaded) continue;
    const { value: task, source } = loaded;
    if (`${task.id}.yaml` !== name) at(file)(source.lineOf(["id"]), `id "${task.id}" phải trùng tên tệp "${name}"`);
    if (task.course && !courseDirs.some((d) => d.name === task.course))
      at(file)(source.lineOf(["course"]), `không có khóa học "${task.course}"`);
    tasks.push(task);
  }
  tasks.sort((a, b) => a.id.localeCompare(b.id));

  let householdRule: HouseholdRule | undefined;
  const ruleFile = join(root, "households.yaml");
  if (existsSync(ruleFile)) {
    const loaded = readYaml(ruleFile, HouseholdRule);
    if (loaded) {
      householdRule = loaded.value;
      for (const [index, id] of householdRule.requiredTasks.entries()) {
        if (!tasks.some((t) => t.id === id))
          at(ruleFile)(loaded.source.lineOf(["requiredTasks", index]), `không có nhiệm vụ "${id}" trong tasks/`);
      }
    }
  }

  if (problems.length > 0) return { curriculum: null, problems: sortProblems(problems) };
  const body = { schemaVersion: 1 as const, courses, programs, tasks, ...(householdRule ? { householdRule } : {}) };
  const contentHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  return { curriculum: Curriculum.parse({ ...body, contentHash }), problems: [] };
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function compileCurriculum(root: string): Curriculum {
  const { curriculum, problems } = checkContent(root);
  if (!curriculum) throw new ContentError(problems);
  return curriculum;
}

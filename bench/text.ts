// Seeded randomness and text of realistic lengths for the synthetic contest: the same scale and
// seed always give the same database, so two runs measure the same thing.

/** mulberry32: small, fast and good enough to spread synthetic data. */
export function makeRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  /** Roughly normal (sum of three uniforms), mean 0 and standard deviation about 1. */
  const normal = () => (next() + next() + next() - 1.5) * 2;
  return { next, int, pick, normal };
}

export type Random = ReturnType<typeof makeRandom>;

const WORDS = (
  "the team market customers revenue pilot growth product prototype users cost price channel partners " +
  "evidence clear strong weak risk plan model scale regional ASEAN China export supply chain farmers clinics " +
  "students battery solar water data platform mobile payments logistics impact jobs women rural " +
  "traction retention unit economics competition patent licence founders experience advisors funding " +
  "milestones roadmap assumptions validated interviews survey contract letter of intent margin " +
  "technology novel incremental defensible barrier adoption regulation certification hospital school"
).split(" ");

// Judges in this contest write in several languages; a share of the text is not Latin script.
const PHRASES = [
  "商业模式清晰，但市场规模的估算需要更多依据。",
  "团队经验丰富，建议补充财务预测。",
  "ทีมมีความเข้าใจลูกค้าดี แต่แผนการตลาดยังไม่ชัดเจน",
  "Mô hình kinh doanh rõ ràng nhưng cần thêm số liệu thị trường.",
  "Pasukan ini kuat tetapi unjuran kewangan perlu diperincikan.",
  "Tim memiliki traksi awal yang baik di pasar lokal.",
];

function sentence(random: Random): string {
  if (random.next() < 0.12) return random.pick(PHRASES);
  const length = random.int(6, 18);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(random.pick(WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Text of about `min`–`max` characters, in sentences. */
export function paragraph(random: Random, min: number, max: number): string {
  const target = random.int(min, max);
  let out = "";
  while (out.length < target) out += (out ? " " : "") + sentence(random);
  return out.slice(0, Math.max(target, 1));
}

/**
 * A pool of texts of one length range, drawn from instead of writing millions of fresh strings
 * (SQLite stores each row's copy all the same; only generation gets faster).
 */
export function textPool(random: Random, size: number, min: number, max: number): string[] {
  return Array.from({ length: size }, () => paragraph(random, min, max));
}

const GIVEN = [
  "Wei",
  "Min",
  "Jing",
  "Lan",
  "Hui",
  "Anh",
  "Minh",
  "Thu",
  "Siti",
  "Budi",
  "Dewi",
  "Putri",
  "Ahmad",
  "Nurul",
  "Aisyah",
  "Somchai",
  "Kanya",
  "Anan",
  "Maria",
  "Jose",
  "Sokha",
  "Dara",
  "Thida",
  "Aung",
  "Mei Ling",
  "Rizal",
];
const FAMILY = [
  "Li",
  "Wang",
  "Zhang",
  "Chen",
  "Liu",
  "Nguyen",
  "Tran",
  "Pham",
  "Santoso",
  "Lestari",
  "Wijaya",
  "Abdullah",
  "Ismail",
  "Wongsakul",
  "Srisuk",
  "Chaiyo",
  "Santos",
  "Reyes",
  "Chea",
  "Kim",
  "Tan",
  "Lim",
  "Win",
  "Hakim",
];

export function personName(random: Random): string {
  return `${random.pick(GIVEN)} ${random.pick(FAMILY)}`;
}

const ADJECTIVES = [
  "Green",
  "Blue",
  "Bright",
  "Swift",
  "Open",
  "Lotus",
  "Mekong",
  "Coral",
  "Bamboo",
  "Jade",
  "Monsoon",
  "Delta",
  "Harbour",
  "Silk",
  "Padi",
  "Ocean",
  "Sun",
  "River",
  "Cloud",
  "Spice",
];
const NOUNS = [
  "Loop",
  "Sense",
  "Bridge",
  "Trace",
  "Robotics",
  "Harvest",
  "Labs",
  "Energy",
  "Health",
  "Pay",
  "Logistics",
  "Farm",
  "Learn",
  "Care",
  "Grid",
  "Works",
  "Link",
  "Foods",
  "Mobility",
  "Water",
];

/** A team name; the number keeps 100,000 of them distinct, as registration requires. */
export function teamName(random: Random, n: number): string {
  return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${n}`;
}

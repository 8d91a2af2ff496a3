// The focus areas of the China–ASEAN contest, offered as every new contest's starting tracks.
import type { LocalizedText } from "./localized";

export const DEFAULT_TRACKS: ReadonlyArray<{ name: LocalizedText; womenLedOnly: boolean }> = [
  {
    name: {
      en: "Digital economy and AI",
      "zh-CN": "数字经济与人工智能",
      "zh-TW": "數位經濟與人工智慧",
      id: "Ekonomi digital dan AI",
      ms: "Ekonomi digital dan AI",
      th: "เศรษฐกิจดิจิทัลและปัญญาประดิษฐ์",
      vi: "Kinh tế số và trí tuệ nhân tạo",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Health and biotechnology",
      "zh-CN": "大健康与生物技术",
      "zh-TW": "健康與生物科技",
      id: "Kesehatan dan bioteknologi",
      ms: "Kesihatan dan bioteknologi",
      th: "สุขภาพและเทคโนโลยีชีวภาพ",
      vi: "Y tế và công nghệ sinh học",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Green and environment",
      "zh-CN": "绿色低碳与环境",
      "zh-TW": "綠色低碳與環境",
      id: "Hijau dan lingkungan",
      ms: "Hijau dan alam sekitar",
      th: "สีเขียวและสิ่งแวดล้อม",
      vi: "Xanh và môi trường",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Advanced manufacturing",
      "zh-CN": "先进制造",
      "zh-TW": "先進製造",
      id: "Manufaktur maju",
      ms: "Pembuatan termaju",
      th: "การผลิตขั้นสูง",
      vi: "Sản xuất tiên tiến",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Ocean and space",
      "zh-CN": "海洋与航天",
      "zh-TW": "海洋與太空",
      id: "Kelautan dan antariksa",
      ms: "Lautan dan angkasa",
      th: "ทะเลและอวกาศ",
      vi: "Biển và không gian",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Smart cities",
      "zh-CN": "智慧城市",
      "zh-TW": "智慧城市",
      id: "Kota cerdas",
      ms: "Bandar pintar",
      th: "เมืองอัจฉริยะ",
      vi: "Thành phố thông minh",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Agriculture and poverty reduction",
      "zh-CN": "乡村振兴与农业",
      "zh-TW": "農業與減貧",
      id: "Pertanian dan pengentasan kemiskinan",
      ms: "Pertanian dan pembasmian kemiskinan",
      th: "เกษตรกรรมและการลดความยากจน",
      vi: "Nông nghiệp và giảm nghèo",
    },
    womenLedOnly: false,
  },
  {
    name: {
      en: "Women-led teams",
      "zh-CN": "女性创业团队专项",
      "zh-TW": "女性創業團隊專項",
      id: "Tim yang dipimpin perempuan",
      ms: "Pasukan diterajui wanita",
      th: "ทีมที่นำโดยผู้หญิง",
      vi: "Đội do phụ nữ dẫn dắt",
    },
    womenLedOnly: true,
  },
];

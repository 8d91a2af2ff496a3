// Ready-made rubrics an organiser can start from, written out in every language Trellis speaks.
// They are frozen: take `copyRubric(template.rubric)` before editing one.
import type { LocalizedText } from "#app/domain/localized";
import type { CriterionDefinition, LevelDescriptor, RubricDefinition } from "#app/domain/rubric";

export type RubricTemplateId = "general_startup" | "china_national";
export type RubricTemplate = { name: LocalizedText; rubric: RubricDefinition };

const ONE_TO_TEN = { min: 1, max: 10, step: 1 };

/** The three bands every general_startup criterion uses: weak, developing, strong. */
function tenPointLevels(weak: LocalizedText, developing: LocalizedText, strong: LocalizedText): LevelDescriptor[] {
  return [
    { min: 1, max: 3, text: weak },
    { min: 4, max: 7, text: developing },
    { min: 8, max: 10, text: strong },
  ];
}

const generalStartup: CriterionDefinition[] = [
  {
    key: "innovation",
    name: {
      en: "Innovation",
      "zh-CN": "创新性",
      "zh-TW": "創新性",
      id: "Inovasi",
      ms: "Inovasi",
      th: "นวัตกรรม",
      vi: "Tính đổi mới sáng tạo",
    },
    description: {
      en: "How new the solution is compared with what customers use today, and how hard it would be for others to copy.",
      "zh-CN": "与客户现有的替代方案相比，解决方案有多新颖，以及他人复制的难度有多大。",
      "zh-TW": "與客戶現有的替代方案相比，解決方案有多新穎，以及他人複製的難度有多高。",
      id: "Seberapa baru solusi ini dibandingkan dengan apa yang digunakan pelanggan saat ini, dan seberapa sulit bagi pihak lain untuk menirunya.",
      ms: "Sejauh mana penyelesaian ini baharu berbanding apa yang digunakan pelanggan hari ini, dan sejauh mana ia sukar ditiru oleh pihak lain.",
      th: "โซลูชันมีความใหม่เพียงใดเมื่อเทียบกับสิ่งที่ลูกค้าใช้อยู่ในปัจจุบัน และผู้อื่นลอกเลียนแบบได้ยากเพียงใด",
      vi: "Giải pháp mới đến mức nào so với những gì khách hàng đang dùng hiện nay, và đối thủ khó sao chép đến mức nào.",
    },
    weight: 25,
    scale: ONE_TO_TEN,
    levels: tenPointLevels(
      {
        en: "Copies an existing product or service with no clear difference from the alternatives customers already use.",
        "zh-CN": "照搬现有产品或服务，与客户已在使用的替代方案没有明显区别。",
        "zh-TW": "照搬現有產品或服務，與客戶已在使用的替代方案沒有明顯區別。",
        id: "Meniru produk atau layanan yang sudah ada tanpa perbedaan yang jelas dari alternatif yang sudah digunakan pelanggan.",
        ms: "Meniru produk atau perkhidmatan sedia ada tanpa perbezaan yang jelas daripada alternatif yang sudah digunakan pelanggan.",
        th: "ลอกเลียนผลิตภัณฑ์หรือบริการที่มีอยู่แล้ว โดยไม่มีความแตกต่างที่ชัดเจนจากทางเลือกที่ลูกค้าใช้อยู่",
        vi: "Sao chép một sản phẩm hoặc dịch vụ sẵn có, không khác biệt rõ ràng so với các lựa chọn khách hàng đang dùng.",
      },
      {
        en: "Clearly better than existing alternatives in at least one way customers care about (cost, speed, quality), but could be copied within a year.",
        "zh-CN": "在客户关心的至少一个方面（成本、速度、质量）明显优于现有方案，但一年内可能被模仿。",
        "zh-TW": "在客戶在意的至少一個面向（成本、速度、品質）明顯優於現有方案，但一年內可能被模仿。",
        id: "Jelas lebih baik daripada alternatif yang ada dalam setidaknya satu hal yang penting bagi pelanggan (biaya, kecepatan, kualitas), tetapi dapat ditiru dalam setahun.",
        ms: "Jelas lebih baik daripada alternatif sedia ada dalam sekurang-kurangnya satu aspek yang penting kepada pelanggan (kos, kelajuan, kualiti), tetapi boleh ditiru dalam tempoh setahun.",
        th: "ดีกว่าทางเลือกที่มีอยู่อย่างชัดเจนอย่างน้อยหนึ่งด้านที่ลูกค้าให้ความสำคัญ (ต้นทุน ความเร็ว คุณภาพ) แต่อาจถูกลอกเลียนแบบได้ภายในหนึ่งปี",
        vi: "Vượt trội rõ rệt so với các lựa chọn hiện có ở ít nhất một điểm khách hàng quan tâm (chi phí, tốc độ, chất lượng), nhưng có thể bị sao chép trong vòng một năm.",
      },
      {
        en: "A new approach or technology with a lasting advantage, such as a patent, proprietary data or know-how that is hard to copy.",
        "zh-CN": "全新的方法或技术，具备持久优势，如专利、独有数据或难以复制的专有技术。",
        "zh-TW": "全新的方法或技術，具備持久優勢，例如專利、獨有資料或難以複製的專業技術。",
        id: "Pendekatan atau teknologi baru dengan keunggulan yang bertahan lama, seperti paten, data eksklusif, atau keahlian yang sulit ditiru.",
        ms: "Pendekatan atau teknologi baharu dengan kelebihan yang berkekalan, seperti paten, data eksklusif atau kepakaran yang sukar ditiru.",
        th: "แนวทางหรือเทคโนโลยีใหม่ที่มีความได้เปรียบระยะยาว เช่น สิทธิบัตร ข้อมูลเฉพาะ หรือองค์ความรู้ที่ลอกเลียนแบบได้ยาก",
        vi: "Cách tiếp cận hoặc công nghệ mới với lợi thế bền vững, như bằng sáng chế, dữ liệu độc quyền hoặc bí quyết khó sao chép.",
      },
    ),
  },
  {
    key: "market",
    name: { en: "Market", "zh-CN": "市场", "zh-TW": "市場", id: "Pasar", ms: "Pasaran", th: "ตลาด", vi: "Thị trường" },
    description: {
      en: "Whether real customers have the problem, how many there are, and what evidence shows they want this solution.",
      "zh-CN": "真实客户是否存在这个问题、客户数量有多少，以及有哪些证据表明他们需要这个解决方案。",
      "zh-TW": "真實客戶是否有這個問題、客戶數量有多少，以及有哪些證據顯示他們需要這個解決方案。",
      id: "Apakah pelanggan nyata memiliki masalah ini, berapa banyak jumlahnya, dan bukti apa yang menunjukkan mereka menginginkan solusi ini.",
      ms: "Sama ada pelanggan sebenar menghadapi masalah ini, berapa ramai mereka, dan bukti apa yang menunjukkan mereka mahukan penyelesaian ini.",
      th: "ลูกค้าจริงมีปัญหานี้หรือไม่ มีจำนวนมากเพียงใด และมีหลักฐานอะไรที่แสดงว่าพวกเขาต้องการโซลูชันนี้",
      vi: "Khách hàng thực sự có gặp vấn đề này không, số lượng bao nhiêu, và có bằng chứng nào cho thấy họ muốn giải pháp này.",
    },
    weight: 20,
    scale: ONE_TO_TEN,
    levels: tenPointLevels(
      {
        en: "No evidence of customers beyond the team's own assumptions; market size is guessed or not given.",
        "zh-CN": "除团队自身的假设外没有客户证据；市场规模靠猜测或未提供。",
        "zh-TW": "除團隊自身的假設外沒有客戶證據；市場規模憑猜測或未提供。",
        id: "Tidak ada bukti pelanggan selain asumsi tim sendiri; ukuran pasar hanya ditebak atau tidak disebutkan.",
        ms: "Tiada bukti pelanggan selain andaian pasukan sendiri; saiz pasaran hanya diteka atau tidak dinyatakan.",
        th: "ไม่มีหลักฐานเรื่องลูกค้านอกจากสมมติฐานของทีมเอง ขนาดตลาดมาจากการคาดเดาหรือไม่ได้ระบุ",
        vi: "Không có bằng chứng về khách hàng ngoài giả định của chính đội thi; quy mô thị trường là phỏng đoán hoặc không được nêu.",
      },
      {
        en: "Interviews, surveys or a pilot with potential customers confirm the problem; the target segment and its size are estimated with sources.",
        "zh-CN": "通过访谈、问卷或与潜在客户的试点验证了问题；目标客群及其规模有出处可依的估算。",
        "zh-TW": "透過訪談、問卷或與潛在客戶的試行驗證了問題；目標客群及其規模有附來源的估算。",
        id: "Wawancara, survei, atau uji coba dengan calon pelanggan mengonfirmasi masalahnya; segmen sasaran dan ukurannya diperkirakan dengan sumber yang jelas.",
        ms: "Temu bual, tinjauan atau projek rintis bersama bakal pelanggan mengesahkan masalah tersebut; segmen sasaran dan saiznya dianggarkan dengan sumber.",
        th: "การสัมภาษณ์ แบบสำรวจ หรือการทดลองใช้กับลูกค้าที่มีศักยภาพยืนยันว่าปัญหามีอยู่จริง มีการประมาณกลุ่มเป้าหมายและขนาดตลาดพร้อมแหล่งอ้างอิง",
        vi: "Phỏng vấn, khảo sát hoặc thử nghiệm với khách hàng tiềm năng xác nhận vấn đề; phân khúc mục tiêu và quy mô được ước tính có nguồn dẫn.",
      },
      {
        en: "Paying customers, signed letters of intent or strong repeat use; a clearly defined, sizeable market with a credible plan to reach it.",
        "zh-CN": "已有付费客户、签署的意向书或很高的重复使用率；市场定义清晰、规模可观，并有可信的进入计划。",
        "zh-TW": "已有付費客戶、簽署的意向書或很高的重複使用率；市場定義清楚、規模可觀，並有可信的進入計畫。",
        id: "Sudah ada pelanggan yang membayar, surat minat yang ditandatangani, atau penggunaan berulang yang kuat; pasar yang jelas dan cukup besar dengan rencana yang meyakinkan untuk menjangkaunya.",
        ms: "Sudah ada pelanggan yang membayar, surat niat yang ditandatangani atau penggunaan berulang yang kukuh; pasaran yang jelas dan besar dengan pelan yang meyakinkan untuk mencapainya.",
        th: "มีลูกค้าที่จ่ายเงินแล้ว หนังสือแสดงเจตจำนงที่ลงนามแล้ว หรือการใช้งานซ้ำในระดับสูง ตลาดมีขอบเขตชัดเจนและมีขนาดใหญ่พอ พร้อมแผนเข้าถึงที่น่าเชื่อถือ",
        vi: "Đã có khách hàng trả tiền, thư bày tỏ ý định đã ký hoặc mức sử dụng lặp lại cao; thị trường được xác định rõ, đủ lớn và có kế hoạch tiếp cận đáng tin cậy.",
      },
    ),
  },
  {
    key: "business_model",
    name: {
      en: "Business model",
      "zh-CN": "商业模式",
      "zh-TW": "商業模式",
      id: "Model bisnis",
      ms: "Model perniagaan",
      th: "โมเดลธุรกิจ",
      vi: "Mô hình kinh doanh",
    },
    description: {
      en: "How the venture makes money, whether each sale covers its costs, and how it becomes self-sustaining.",
      "zh-CN": "项目如何赚钱、每笔销售能否覆盖成本，以及如何实现可持续经营。",
      "zh-TW": "事業如何獲利、每筆銷售能否涵蓋成本，以及如何達到自給自足的經營。",
      id: "Bagaimana usaha ini menghasilkan uang, apakah setiap penjualan menutup biayanya, dan bagaimana usaha ini menjadi mandiri secara finansial.",
      ms: "Bagaimana usaha ini menjana pendapatan, sama ada setiap jualan menampung kosnya, dan bagaimana ia mampu berdikari dari segi kewangan.",
      th: "กิจการสร้างรายได้อย่างไร ยอดขายแต่ละครั้งครอบคลุมต้นทุนหรือไม่ และจะพึ่งพาตนเองได้อย่างไร",
      vi: "Doanh nghiệp kiếm tiền như thế nào, mỗi lần bán hàng có bù đắp được chi phí không, và làm thế nào để tự duy trì được.",
    },
    weight: 20,
    scale: ONE_TO_TEN,
    levels: tenPointLevels(
      {
        en: "No clear answer to who pays, how much or why; costs and pricing are not worked out.",
        "zh-CN": "说不清由谁付费、付多少、为什么付；成本和定价均未测算。",
        "zh-TW": "說不清由誰付費、付多少、為什麼付；成本和定價都未試算。",
        id: "Tidak ada jawaban jelas tentang siapa yang membayar, berapa, atau mengapa; biaya dan harga belum dihitung.",
        ms: "Tiada jawapan jelas tentang siapa yang membayar, berapa banyak atau mengapa; kos dan harga belum dikira.",
        th: "ยังตอบไม่ได้ชัดเจนว่าใครจ่าย จ่ายเท่าไร หรือทำไม ยังไม่ได้คำนวณต้นทุนและราคา",
        vi: "Chưa trả lời rõ ai trả tiền, trả bao nhiêu hay vì sao; chi phí và giá bán chưa được tính toán.",
      },
      {
        en: "Revenue model and pricing are defined and unit costs estimated, but margins or the path to break-even rest on untested assumptions.",
        "zh-CN": "已明确收入模式和定价并估算了单位成本，但毛利或盈亏平衡路径依赖未经验证的假设。",
        "zh-TW": "已明確收入模式和定價並估算了單位成本，但毛利或損益兩平的路徑仰賴未經驗證的假設。",
        id: "Model pendapatan dan harga sudah ditetapkan serta biaya per unit sudah diperkirakan, tetapi margin atau jalan menuju titik impas bergantung pada asumsi yang belum diuji.",
        ms: "Model hasil dan harga telah ditetapkan serta kos seunit telah dianggarkan, tetapi margin atau laluan ke titik pulang modal bergantung pada andaian yang belum diuji.",
        th: "กำหนดรูปแบบรายได้และราคาแล้ว และประมาณต้นทุนต่อหน่วยแล้ว แต่กำไรขั้นต้นหรือเส้นทางสู่จุดคุ้มทุนยังอิงสมมติฐานที่ยังไม่ได้ทดสอบ",
        vi: "Đã xác định mô hình doanh thu và giá bán, đã ước tính chi phí trên mỗi đơn vị, nhưng biên lợi nhuận hoặc lộ trình hòa vốn còn dựa trên các giả định chưa được kiểm chứng.",
      },
      {
        en: "Pricing is tested with real customers, unit economics are positive or clearly will be, and the financial plan to break-even is realistic.",
        "zh-CN": "定价已经真实客户验证，单位经济模型为正或明确将转正，实现盈亏平衡的财务计划切实可行。",
        "zh-TW": "定價已經真實客戶驗證，單位經濟效益為正或明確將轉正，達到損益兩平的財務計畫切實可行。",
        id: "Harga sudah diuji dengan pelanggan nyata, ekonomi per unit sudah positif atau jelas akan positif, dan rencana keuangan menuju titik impas realistis.",
        ms: "Harga telah diuji dengan pelanggan sebenar, ekonomi seunit sudah positif atau jelas akan positif, dan pelan kewangan ke titik pulang modal adalah realistik.",
        th: "ทดสอบราคากับลูกค้าจริงแล้ว เศรษฐศาสตร์ต่อหน่วยเป็นบวกหรือจะเป็นบวกอย่างชัดเจน และแผนการเงินสู่จุดคุ้มทุนสมเหตุสมผล",
        vi: "Giá bán đã được thử nghiệm với khách hàng thực, kinh tế đơn vị đã dương hoặc chắc chắn sẽ dương, và kế hoạch tài chính để hòa vốn là khả thi.",
      },
    ),
  },
  {
    key: "team",
    name: { en: "Team", "zh-CN": "团队", "zh-TW": "團隊", id: "Tim", ms: "Pasukan", th: "ทีม", vi: "Đội thi" },
    description: {
      en: "Whether the founders have the skills, experience and commitment to build this venture, and how they fill the gaps.",
      "zh-CN": "创始人是否具备打造这一事业所需的技能、经验和投入，以及如何弥补短板。",
      "zh-TW": "創辦人是否具備打造這項事業所需的技能、經驗與投入，以及如何補足缺口。",
      id: "Apakah para pendiri memiliki keterampilan, pengalaman, dan komitmen untuk membangun usaha ini, serta bagaimana mereka menutup kekurangan.",
      ms: "Sama ada para pengasas mempunyai kemahiran, pengalaman dan komitmen untuk membina usaha ini, dan bagaimana mereka menampung kekurangan.",
      th: "ผู้ก่อตั้งมีทักษะ ประสบการณ์ และความมุ่งมั่นที่จะสร้างกิจการนี้หรือไม่ และจะเติมเต็มส่วนที่ขาดอย่างไร",
      vi: "Các nhà sáng lập có đủ kỹ năng, kinh nghiệm và sự cam kết để xây dựng doanh nghiệp này không, và họ bù đắp những thiếu hụt ra sao.",
    },
    weight: 20,
    scale: ONE_TO_TEN,
    levels: tenPointLevels(
      {
        en: "Key skills (technical, sales or operations) are missing with no plan to cover them; members work on it only occasionally.",
        "zh-CN": "缺少关键能力（技术、销售或运营）且没有弥补计划；成员只是偶尔投入。",
        "zh-TW": "缺少關鍵能力（技術、銷售或營運）且沒有補足計畫；成員只是偶爾投入。",
        id: "Keahlian kunci (teknis, penjualan, atau operasional) belum ada dan tidak ada rencana untuk memenuhinya; anggota hanya sesekali mengerjakannya.",
        ms: "Kemahiran utama (teknikal, jualan atau operasi) tiada dan tiada pelan untuk menampungnya; ahli hanya sesekali mengusahakannya.",
        th: "ขาดทักษะสำคัญ (ด้านเทคนิค การขาย หรือการดำเนินงาน) และไม่มีแผนเติมเต็ม สมาชิกทำงานนี้เพียงเป็นครั้งคราว",
        vi: "Thiếu các kỹ năng then chốt (kỹ thuật, bán hàng hoặc vận hành) và không có kế hoạch bù đắp; các thành viên chỉ làm dự án khi rảnh.",
      },
      {
        en: "The core skills are present and roles are clear, but some gaps remain or the team has little experience in this industry.",
        "zh-CN": "具备核心能力且分工明确，但仍有短板，或团队在该行业经验不足。",
        "zh-TW": "具備核心能力且分工明確，但仍有缺口，或團隊在該產業經驗不足。",
        id: "Keahlian inti sudah ada dan peran jelas, tetapi masih ada kekurangan atau tim kurang berpengalaman di industri ini.",
        ms: "Kemahiran teras ada dan peranan jelas, tetapi masih terdapat kekurangan atau pasukan kurang berpengalaman dalam industri ini.",
        th: "มีทักษะหลักครบและแบ่งบทบาทชัดเจน แต่ยังมีช่องว่างบางส่วน หรือทีมมีประสบการณ์ในอุตสาหกรรมนี้น้อย",
        vi: "Có đủ kỹ năng cốt lõi và phân vai rõ ràng, nhưng vẫn còn thiếu hụt hoặc đội thi ít kinh nghiệm trong ngành này.",
      },
      {
        en: "A committed, full-time team with a track record in this industry, complementary skills and advisers who fill the remaining gaps.",
        "zh-CN": "团队全职投入，有该行业的成功经历，能力互补，并有顾问补足其余短板。",
        "zh-TW": "團隊全職投入，有該產業的實績，能力互補，並有顧問補足其餘缺口。",
        id: "Tim yang berkomitmen penuh waktu dengan rekam jejak di industri ini, keahlian yang saling melengkapi, dan penasihat yang menutup kekurangan lainnya.",
        ms: "Pasukan sepenuh masa yang komited dengan rekod prestasi dalam industri ini, kemahiran yang saling melengkapi dan penasihat yang menampung kekurangan selebihnya.",
        th: "ทีมที่ทุ่มเทเต็มเวลา มีผลงานในอุตสาหกรรมนี้ ทักษะเสริมกัน และมีที่ปรึกษาช่วยเติมเต็มช่องว่างที่เหลือ",
        vi: "Đội thi cam kết toàn thời gian, có thành tích trong ngành, kỹ năng bổ trợ cho nhau và có cố vấn bù đắp những thiếu hụt còn lại.",
      },
    ),
  },
  {
    key: "social_impact",
    name: {
      en: "Social impact",
      "zh-CN": "社会影响",
      "zh-TW": "社會影響",
      id: "Dampak sosial",
      ms: "Impak sosial",
      th: "ผลกระทบทางสังคม",
      vi: "Tác động xã hội",
    },
    description: {
      en: "What measurable good the venture does for people or the environment, such as jobs, access to services or lower emissions.",
      "zh-CN": "项目为人群或环境带来哪些可衡量的益处，如创造就业、改善服务可及性或减少排放。",
      "zh-TW": "事業為人群或環境帶來哪些可衡量的益處，例如創造就業、改善服務可近性或減少排放。",
      id: "Manfaat terukur apa yang diberikan usaha ini bagi masyarakat atau lingkungan, seperti lapangan kerja, akses ke layanan, atau pengurangan emisi.",
      ms: "Manfaat boleh diukur yang diberikan usaha ini kepada masyarakat atau alam sekitar, seperti peluang pekerjaan, akses kepada perkhidmatan atau pengurangan pelepasan.",
      th: "กิจการสร้างประโยชน์ที่วัดผลได้อะไรบ้างต่อผู้คนหรือสิ่งแวดล้อม เช่น การจ้างงาน การเข้าถึงบริการ หรือการลดการปล่อยมลพิษ",
      vi: "Doanh nghiệp mang lại lợi ích đo lường được gì cho con người hoặc môi trường, như việc làm, khả năng tiếp cận dịch vụ hay giảm phát thải.",
    },
    weight: 15,
    scale: ONE_TO_TEN,
    levels: tenPointLevels(
      {
        en: "Impact is not described, or only in general terms with nothing to measure it by.",
        "zh-CN": "未说明社会影响，或只有笼统表述而无衡量依据。",
        "zh-TW": "未說明社會影響，或只有籠統描述而無衡量依據。",
        id: "Dampak tidak dijelaskan, atau hanya secara umum tanpa ukuran apa pun.",
        ms: "Impak tidak dinyatakan, atau hanya secara umum tanpa sebarang ukuran.",
        th: "ไม่ได้อธิบายผลกระทบ หรืออธิบายเพียงกว้าง ๆ โดยไม่มีตัววัด",
        vi: "Tác động không được mô tả, hoặc chỉ nói chung chung mà không có cách đo lường.",
      },
      {
        en: "A specific group of beneficiaries or environmental benefit is named with a plausible estimate, but it is not yet measured.",
        "zh-CN": "明确了具体受益群体或环境效益并给出合理估算，但尚未实际衡量。",
        "zh-TW": "明確指出具體受益群體或環境效益並提出合理估算，但尚未實際衡量。",
        id: "Kelompok penerima manfaat atau manfaat lingkungan yang spesifik disebutkan dengan perkiraan yang masuk akal, tetapi belum diukur.",
        ms: "Kumpulan penerima manfaat atau manfaat alam sekitar yang khusus dinyatakan dengan anggaran yang munasabah, tetapi belum diukur.",
        th: "ระบุกลุ่มผู้ได้รับประโยชน์หรือประโยชน์ด้านสิ่งแวดล้อมที่เฉพาะเจาะจงพร้อมการประมาณที่สมเหตุสมผล แต่ยังไม่ได้วัดผลจริง",
        vi: "Nêu rõ nhóm hưởng lợi hoặc lợi ích môi trường cụ thể kèm ước tính hợp lý, nhưng chưa được đo lường.",
      },
      {
        en: "Impact is already measured (people served, jobs created, emissions avoided), grows with the business and is reported regularly.",
        "zh-CN": "影响已有实际数据（服务人数、创造岗位、减少排放），随业务增长而扩大，并定期报告。",
        "zh-TW": "影響已有實際數據（服務人數、創造職缺、減少排放），隨業務成長而擴大，並定期報告。",
        id: "Dampak sudah diukur (orang yang dilayani, lapangan kerja yang tercipta, emisi yang dihindari), tumbuh seiring bisnis, dan dilaporkan secara berkala.",
        ms: "Impak sudah diukur (orang yang dilayani, pekerjaan yang diwujudkan, pelepasan yang dielakkan), berkembang seiring perniagaan dan dilaporkan secara berkala.",
        th: "วัดผลกระทบได้แล้ว (จำนวนผู้รับบริการ การจ้างงานที่เกิดขึ้น การปล่อยมลพิษที่ลดลง) เติบโตไปพร้อมกับธุรกิจ และรายงานอย่างสม่ำเสมอ",
        vi: "Tác động đã được đo lường (số người được phục vụ, việc làm tạo ra, lượng phát thải tránh được), tăng theo quy mô kinh doanh và được báo cáo định kỳ.",
      },
    ),
  },
];

// China's national contests (e.g. the 中国国际大学生创新大赛, formerly "互联网+", and the 中国创新创业大赛)
// judge startups on innovation, team, commercial and social-value/employment dimensions, each worth a
// share of 100 points. Their tables change by year and group (the student contest adds an education
// dimension, which we leave out), so the weights here, 30/25/25/20, are a representative set rather
// than any one year's table: organisers copy the template and set their own contest's weights.
//
// Each dimension is scored 0–100 by 1 rather than 0–weight points, so all four share one scale and
// one set of bands. The total comes out the same: 80/100 on a 30% dimension adds 24 points, exactly
// "24 out of 30" on a points-per-dimension sheet.
const HUNDRED_POINTS = { min: 0, max: 100, step: 1 };

// The grading bands these contests print (优秀 100–85, 良好 85–70, 一般 70–55, 差 55–0), made
// disjoint on whole points.
function hundredPointLevels(): LevelDescriptor[] {
  return [
    {
      min: 0,
      max: 54,
      text: {
        en: "Poor: falls clearly short on this dimension.",
        "zh-CN": "差：该维度明显不足。",
        "zh-TW": "差：該維度明顯不足。",
        id: "Kurang: jelas belum memenuhi dimensi ini.",
        ms: "Lemah: jelas tidak memenuhi dimensi ini.",
        th: "ต้องปรับปรุง: ยังขาดอย่างชัดเจนในด้านนี้",
        vi: "Kém: còn thiếu rõ rệt ở tiêu chí này.",
      },
    },
    {
      min: 55,
      max: 69,
      text: {
        en: "Fair: meets the basics, with clear weaknesses.",
        "zh-CN": "一般：基本达到要求，但存在明显不足。",
        "zh-TW": "普通：基本達到要求，但有明顯不足。",
        id: "Cukup: memenuhi hal dasar, tetapi dengan kelemahan yang jelas.",
        ms: "Sederhana: memenuhi asas, tetapi dengan kelemahan yang jelas.",
        th: "พอใช้: ผ่านเกณฑ์พื้นฐาน แต่มีจุดอ่อนชัดเจน",
        vi: "Trung bình: đạt yêu cầu cơ bản nhưng còn điểm yếu rõ ràng.",
      },
    },
    {
      min: 70,
      max: 84,
      text: {
        en: "Good: solid, with minor weaknesses.",
        "zh-CN": "良好：表现扎实，仅有少量不足。",
        "zh-TW": "良好：表現紮實，僅有少許不足。",
        id: "Baik: solid, hanya dengan sedikit kelemahan.",
        ms: "Baik: kukuh, dengan sedikit kelemahan.",
        th: "ดี: มั่นคง มีจุดอ่อนเล็กน้อย",
        vi: "Khá: vững vàng, chỉ có vài điểm yếu nhỏ.",
      },
    },
    {
      min: 85,
      max: 100,
      text: {
        en: "Excellent: outstanding, among the best in the contest.",
        "zh-CN": "优秀：表现突出，属参赛项目中的佼佼者。",
        "zh-TW": "優秀：表現突出，屬參賽作品中的佼佼者。",
        id: "Sangat baik: menonjol, termasuk yang terbaik dalam kompetisi.",
        ms: "Cemerlang: menonjol, antara yang terbaik dalam pertandingan.",
        th: "ดีเยี่ยม: โดดเด่น อยู่ในกลุ่มที่ดีที่สุดของการแข่งขัน",
        vi: "Xuất sắc: nổi bật, thuộc nhóm tốt nhất cuộc thi.",
      },
    },
  ];
}

const chinaNational: CriterionDefinition[] = [
  {
    key: "innovation",
    name: {
      en: "Innovation",
      "zh-CN": "创新性",
      "zh-TW": "創新性",
      id: "Inovasi",
      ms: "Inovasi",
      th: "นวัตกรรม",
      vi: "Tính đổi mới sáng tạo",
    },
    description: {
      en: "Originality and technical breakthroughs in product, technology, process, service or business model, and the results that show them (patents, prototypes, papers).",
      "zh-CN": "产品、技术、工艺、服务或商业模式方面的原始创新与技术突破，以及体现这些创新的成果（专利、样机、论文等）。",
      "zh-TW": "產品、技術、製程、服務或商業模式方面的原創創新與技術突破，以及展現這些創新的成果（專利、原型、論文等）。",
      id: "Orisinalitas dan terobosan teknologi pada produk, teknologi, proses, layanan, atau model bisnis, serta hasil yang membuktikannya (paten, prototipe, makalah).",
      ms: "Keaslian dan penemuan teknologi dalam produk, teknologi, proses, perkhidmatan atau model perniagaan, serta hasil yang membuktikannya (paten, prototaip, kertas kajian).",
      th: "ความคิดริเริ่มและความก้าวหน้าทางเทคโนโลยีในด้านผลิตภัณฑ์ เทคโนโลยี กระบวนการ บริการ หรือโมเดลธุรกิจ รวมถึงผลงานที่แสดงให้เห็น (สิทธิบัตร ต้นแบบ บทความวิชาการ)",
      vi: "Tính nguyên bản và đột phá công nghệ về sản phẩm, công nghệ, quy trình, dịch vụ hoặc mô hình kinh doanh, cùng các kết quả chứng minh (bằng sáng chế, nguyên mẫu, bài báo khoa học).",
    },
    weight: 30,
    scale: HUNDRED_POINTS,
    levels: hundredPointLevels(),
  },
  {
    key: "team",
    name: { en: "Team", "zh-CN": "团队", "zh-TW": "團隊", id: "Tim", ms: "Pasukan", th: "ทีม", vi: "Đội thi" },
    description: {
      en: "The team's structure, division of work, skills and experience, how closely members are tied to the venture, and its advisers and partners.",
      "zh-CN": "团队的组织架构、分工协作、能力与经验结构，成员与项目关系的紧密程度，以及顾问和合作伙伴情况。",
      "zh-TW": "團隊的組織架構、分工合作、能力與經驗結構，成員與事業關係的緊密程度，以及顧問與合作夥伴情況。",
      id: "Struktur tim, pembagian kerja, keahlian dan pengalaman, seberapa erat keterikatan anggota dengan usaha ini, serta penasihat dan mitranya.",
      ms: "Struktur pasukan, pembahagian kerja, kemahiran dan pengalaman, sejauh mana ahli terikat rapat dengan usaha ini, serta penasihat dan rakan kongsinya.",
      th: "โครงสร้างทีม การแบ่งงาน ทักษะและประสบการณ์ ความผูกพันของสมาชิกต่อกิจการ รวมถึงที่ปรึกษาและพันธมิตร",
      vi: "Cơ cấu đội thi, phân công công việc, kỹ năng và kinh nghiệm, mức độ gắn bó của các thành viên với doanh nghiệp, cùng các cố vấn và đối tác.",
    },
    weight: 25,
    scale: HUNDRED_POINTS,
    levels: hundredPointLevels(),
  },
  {
    key: "commercial",
    name: {
      en: "Commercial viability",
      "zh-CN": "商业性",
      "zh-TW": "商業性",
      id: "Kelayakan komersial",
      ms: "Daya maju komersial",
      th: "ความเป็นไปได้เชิงพาณิชย์",
      vi: "Tính khả thi thương mại",
    },
    description: {
      en: "Market demand and competition, the business model, operating results so far (revenue, customers, funding) and growth prospects.",
      "zh-CN": "市场需求与竞争态势、商业模式、已取得的经营业绩（营收、客户、融资）以及成长前景。",
      "zh-TW": "市場需求與競爭態勢、商業模式、已取得的經營績效（營收、客戶、融資）以及成長前景。",
      id: "Permintaan pasar dan persaingan, model bisnis, hasil operasional sejauh ini (pendapatan, pelanggan, pendanaan), dan prospek pertumbuhan.",
      ms: "Permintaan pasaran dan persaingan, model perniagaan, prestasi operasi setakat ini (hasil, pelanggan, pembiayaan) dan prospek pertumbuhan.",
      th: "ความต้องการของตลาดและการแข่งขัน โมเดลธุรกิจ ผลการดำเนินงานที่ผ่านมา (รายได้ ลูกค้า การระดมทุน) และโอกาสในการเติบโต",
      vi: "Nhu cầu thị trường và cạnh tranh, mô hình kinh doanh, kết quả hoạt động đến nay (doanh thu, khách hàng, vốn huy động) và triển vọng tăng trưởng.",
    },
    weight: 25,
    scale: HUNDRED_POINTS,
    levels: hundredPointLevels(),
  },
  {
    key: "employment_social_value",
    name: {
      en: "Employment and social value",
      "zh-CN": "带动就业/社会价值",
      "zh-TW": "帶動就業/社會價值",
      id: "Penciptaan lapangan kerja dan nilai sosial",
      ms: "Penjanaan pekerjaan dan nilai sosial",
      th: "การสร้างงานและคุณค่าทางสังคม",
      vi: "Tạo việc làm và giá trị xã hội",
    },
    description: {
      en: "Jobs created directly and along the supply chain, and the venture's contribution to society, such as rural revitalisation, green development or public welfare.",
      "zh-CN": "直接及通过上下游带动的就业人数，以及项目在乡村振兴、绿色发展、公益等方面的社会贡献。",
      "zh-TW": "直接及透過上下游帶動的就業人數，以及事業在鄉村振興、綠色發展、公益等方面的社會貢獻。",
      id: "Lapangan kerja yang tercipta langsung maupun di sepanjang rantai pasok, serta kontribusi usaha bagi masyarakat, seperti revitalisasi perdesaan, pembangunan hijau, atau kesejahteraan publik.",
      ms: "Peluang pekerjaan yang diwujudkan secara langsung dan di sepanjang rantaian bekalan, serta sumbangan usaha kepada masyarakat, seperti pemulihan luar bandar, pembangunan hijau atau kebajikan awam.",
      th: "การจ้างงานที่เกิดขึ้นโดยตรงและตลอดห่วงโซ่อุปทาน รวมถึงการมีส่วนร่วมต่อสังคมของกิจการ เช่น การฟื้นฟูชนบท การพัฒนาสีเขียว หรือสาธารณประโยชน์",
      vi: "Số việc làm tạo ra trực tiếp và dọc theo chuỗi cung ứng, cùng đóng góp của doanh nghiệp cho xã hội như phục hồi nông thôn, phát triển xanh hoặc phúc lợi cộng đồng.",
    },
    weight: 20,
    scale: HUNDRED_POINTS,
    levels: hundredPointLevels(),
  },
];

// A template is shared by every request in the process; freezing it turns an accidental edit of the
// shared copy into an error instead of a change to every later rubric made from it.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const RUBRIC_TEMPLATES: Record<RubricTemplateId, RubricTemplate> = deepFreeze({
  general_startup: {
    name: {
      en: "General startup contest",
      "zh-CN": "通用创业大赛",
      "zh-TW": "通用創業競賽",
      id: "Kompetisi startup umum",
      ms: "Pertandingan syarikat pemula am",
      th: "การแข่งขันสตาร์ทอัพทั่วไป",
      vi: "Cuộc thi khởi nghiệp tổng quát",
    },
    rubric: { criteria: generalStartup },
  },
  china_national: {
    name: {
      en: "China national innovation and entrepreneurship contest style",
      "zh-CN": "国家级创新创业大赛评审维度",
      "zh-TW": "國家級創新創業競賽評審維度",
      id: "Gaya kompetisi inovasi dan kewirausahaan nasional Tiongkok",
      ms: "Gaya pertandingan inovasi dan keusahawanan kebangsaan China",
      th: "รูปแบบการแข่งขันนวัตกรรมและการเป็นผู้ประกอบการระดับชาติของจีน",
      vi: "Theo mẫu cuộc thi đổi mới sáng tạo và khởi nghiệp quốc gia Trung Quốc",
    },
    rubric: { criteria: chinaNational },
  },
});

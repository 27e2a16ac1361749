// How a demo message is written down (seed.ts builds each from it), and the messages that ended
// with a reply: closed (rated) and replied. The open and refused ones: demo/messages-open.ts.
import type { Channel, Domain, MessageAction, MessageType, Role } from '@liuyan/core'

/**
 * One step of a demo message's history: how long after the previous step (working days for staff,
 * calendar days for the author; 0 = the same day when it fits, else the next one), the China
 * clock time, the action, and optionally the role taking it (default: the first role the
 * lifecycle allows).
 */
export type Step = readonly [after: number, time: string, action: MessageAction, role?: Role]

export interface DemoMessage {
  boardId: string
  type: MessageType
  domain: Domain
  title: string
  content: string
  place?: { text: string; public: boolean }
  author: { nickname: string; realName: string; phone: string; maskNickname?: boolean }
  remark?: string
  publish: boolean
  channel: Channel
  /** Calendar days before `now` of the submission (moved earlier if the history would not fit). */
  daysAgo: number
  time: string
  steps: readonly Step[]
}

// Names, phones and places are invented. Real names and phones appear only in the private fields.
export const ANSWERED: readonly DemoMessage[] = [
  // ── closed ──────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220100-mayor', type: 'complain', domain: 'urban', channel: 'web', publish: true, daysAgo: 55, time: '20:15',
    title: '小区门口路灯坏了两周',
    content: '朝阳区湖西路某小区南门外的三盏路灯已经坏了两个多星期，晚上门口一片漆黑，老人和孩子进出很不安全，前几天还有居民在台阶上摔倒。希望有关部门尽快派人维修。',
    place: { text: '朝阳区湖西路某小区南门', public: true },
    author: { nickname: '湖西路居民', realName: '王小明', phone: '13800001234' },
    steps: [
      [1, '09:10', { action: 'accept' }],
      [0, '10:30', { action: 'assign', boardId: '220104-gov' }],
      [1, '14:20', { action: 'transfer', boardId: '220104-cgj', reason: '道路照明设施维护属区城市管理局职责，转其办理。' }, 'handler'],
      [0, '15:05', { action: 'start' }],
      [2, '16:40', { action: 'reply', content: '网友您好！您反映的问题已收悉。经现场核查，湖西路某小区南门外三盏路灯因地下电缆老化导致断路。我局已组织路灯维护班组更换故障电缆，目前路灯已恢复正常照明。今后我们将加强夜间巡查，发现故障及时维修。感谢您对城市管理工作的关注和支持！' }],
      [1, '19:30', { action: 'evaluate', overall: 5, resolution: 5, attitude: 5, speed: 4, comment: '修得很快，晚上回家终于亮堂了，谢谢！' }],
      [2, '09:30', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-jtj', type: 'suggest', domain: 'transport', channel: 'mobile', publish: true, daysAgo: 50, time: '08:05',
    title: '建议公交站台增设遮雨棚',
    content: '卫星路与亚泰大街交汇处的公交站每天早晚候车的人很多，但站台没有遮雨棚，下雨下雪天只能站在雨里等车。建议在这个站台增设遮雨棚和座椅，方便市民候车。',
    place: { text: '卫星路与亚泰大街交汇处公交站', public: true },
    author: { nickname: '每天坐公交的上班族', realName: '李静', phone: '13900002345' },
    steps: [
      [0, '09:40', { action: 'accept' }],
      [0, '10:15', { action: 'assign', boardId: '220100-jtj' }],
      [1, '09:00', { action: 'start' }],
      [4, '15:30', { action: 'reply', content: '网友您好！感谢您的建议。经实地查看，该站台所在人行道宽度满足设置候车亭的条件。我局已将该站台列入今年公交候车亭建设计划，计划于下月完成候车亭及座椅安装。施工期间站台位置不变，请您留意现场公告。' }],
      [3, '10:00', { action: 'close' }],
    ],
  },
  {
    boardId: '100000-mee', type: 'consult', domain: 'environment', channel: 'web', publish: true, daysAgo: 40, time: '10:20',
    title: '排污许可证变更如何办理',
    content: '我们是一家小型食品加工企业，今年新增了一条生产线，废水排放量有变化。请问排污许可证需要办理变更还是重新申请？可以全程网上办理吗？',
    author: { nickname: '企业环保专员', realName: '孙浩', phone: '13600006789' },
    steps: [
      [1, '10:00', { action: 'accept' }],
      [0, '10:30', { action: 'assign', boardId: '100000-mee' }],
      [1, '09:00', { action: 'start' }],
      [3, '16:00', { action: 'reply', content: '网友您好！根据《排污许可管理条例》，排污单位新建、改建、扩建排放污染物的项目，或者污染物排放种类、排放量等发生变化的，应当重新申请取得排污许可证；仅单位名称、地址、法定代表人等信息变化的，办理变更即可。相关申请可通过全国排污许可证管理信息平台全程网上办理，具体可咨询所在地市级生态环境部门。' }],
      [2, '09:40', { action: 'evaluate', overall: 4, resolution: 4, attitude: 4, speed: 3, comment: '答复很清楚，就是等的时间稍长。' }],
      [1, '10:30', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-jyj', type: 'thank', domain: 'education', channel: 'mobile', publish: true, daysAgo: 35, time: '18:20',
    title: '感谢教育局解决校车接送难题',
    content: '之前我们在这里反映过孩子学校附近没有校车、家长接送困难的问题，这学期开学后学校开通了两条定制公交线路，孩子上学方便多了。特地留言感谢教育局和学校的老师们！',
    author: { nickname: '双阳区学生家长', realName: '赵红', phone: '13500007890' },
    steps: [
      [1, '09:15', { action: 'accept' }],
      [0, '09:45', { action: 'assign', boardId: '220100-jyj' }],
      [1, '10:00', { action: 'start' }],
      [1, '15:20', { action: 'reply', content: '感谢您对我市教育工作的肯定和支持！保障学生安全便捷出行是我们应尽的责任。我们将继续会同交通部门优化定制公交线路，也欢迎您继续提出宝贵意见。' }],
      [2, '09:30', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-gov', type: 'help', domain: 'agriculture', channel: 'phone', publish: true, daysAgo: 46, time: '08:40',
    title: '村里自来水管道冻裂停水',
    content: '九台区某镇某村的自来水主管道冻裂，全村停水已经五天了，村民只能到几里外拉水，家里有老人和牲畜，用水非常困难。请政府帮助尽快抢修。',
    place: { text: '九台区某镇某村', public: true },
    author: { nickname: '九台村民', realName: '周大海', phone: '13400008901' },
    steps: [
      [0, '09:10', { action: 'accept' }],
      [0, '09:30', { action: 'assign', boardId: '220100-nyj' }],
      [0, '10:00', { action: 'start' }],
      [2, '17:00', { action: 'reply', content: '网友您好！接到您的求助后，我局当天协调九台区有关部门和供水站组成抢修队赶赴现场，已于次日完成冻裂管段更换，全村恢复供水。针对冬季管道冻裂问题，我们已督促各镇对裸露管道加装保温层，并为偏远村屯储备应急送水车辆。感谢您的反映！' }],
      [1, '12:00', { action: 'evaluate', overall: 5, resolution: 5, attitude: 5, speed: 5, comment: '抢修很及时，感谢！' }],
      [2, '09:20', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-mayor', type: 'consult', domain: 'finance', channel: 'mobile', publish: true, daysAgo: 27, time: '13:15',
    title: '公积金能否提取用于还房贷',
    content: '我和爱人都在缴存住房公积金，去年用商业贷款买了首套房。请问现在可以每年提取公积金偿还商业贷款吗？需要到哪里办理，能不能在手机上办？',
    author: { nickname: '新房房奴', realName: '吴婷', phone: '15900009012', maskNickname: true },
    steps: [
      [1, '09:00', { action: 'accept' }],
      [0, '09:40', { action: 'assign', boardId: '220100-gjj' }],
      [0, '14:00', { action: 'start' }],
      [1, '10:30', { action: 'reply', content: '网友您好！购买首套自住住房并使用商业贷款的，借款人及其配偶可申请提取住房公积金偿还商业贷款，每年可提取一次。您可通过长春公积金App或微信公众号在线办理，也可携带身份证、购房合同、借款合同及还款明细到任一服务网点办理。' }],
      [3, '09:10', { action: 'close' }],
    ],
  },
  {
    boardId: '220000-gov', type: 'suggest', domain: 'government', channel: 'web', publish: true, daysAgo: 58, time: '21:05',
    title: '建议政务大厅周末延时服务',
    content: '很多上班族工作日请假很难，办社保、公积金、不动产登记都只能在工作日去政务大厅。建议政务服务中心在周六上午开放，或者工作日延长到晚上七点，方便上班族办事。',
    author: { nickname: '上班族小杨', realName: '杨帆', phone: '18800000123' },
    steps: [
      [1, '09:30', { action: 'accept' }],
      [0, '10:40', { action: 'assign', boardId: '220100-gov' }],
      [1, '09:00', { action: 'start' }],
      [6, '15:00', { action: 'reply', content: '网友您好！您的建议很有针对性。我市政务服务中心已推行“周六不打烊”服务，每周六上午9:00至12:00开放社保、公积金、不动产登记等高频事项窗口，工作日中午实行无午休服务。欢迎您通过“吉事办”预约办理，减少等候时间。' }],
      [2, '10:00', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-gaj', type: 'complain', domain: 'security', channel: 'web', publish: true, daysAgo: 38, time: '09:10',
    title: '酒吧街深夜打架斗殴频发',
    content: '南关区某酒吧街每到周末凌晨就有醉酒人员打架斗殴、大声喧哗，还有人当街砸车，附近居民不敢晚上出门。希望公安部门加强夜间巡逻，从根本上整治。',
    place: { text: '南关区某酒吧街', public: false },
    author: { nickname: '附近住户', realName: '郑伟', phone: '13300001357', maskNickname: true },
    steps: [
      [0, '10:00', { action: 'accept' }],
      [0, '10:30', { action: 'assign', boardId: '220100-gaj' }],
      [1, '09:00', { action: 'start' }],
      [5, '16:30', { action: 'reply', content: '网友您好！接到您的反映后，辖区派出所已将该区域列为夜间重点巡逻区域，周末增派警力开展巡逻，并联合市场监管等部门对相关酒吧经营情况进行检查。如遇违法犯罪行为，请及时拨打110报警。' }],
      [1, '21:50', { action: 'evaluate', overall: 1, resolution: 1, attitude: 2, speed: 2, comment: '回复都是套话，周末晚上还是照样吵闹，没有看到巡逻。' }],
      [2, '09:30', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-rsj', type: 'consult', domain: 'enterprise', channel: 'web', publish: true, daysAgo: 33, time: '15:45',
    title: '个体工商户开业补贴怎么申请',
    content: '我今年从外地返乡，在绿园区开了一家小餐馆，已经办了营业执照。听说返乡创业可以申请一次性开业补贴，请问需要满足什么条件，去哪里申请？',
    author: { nickname: '返乡创业小老板', realName: '马强', phone: '13200002468' },
    steps: [
      [1, '09:20', { action: 'accept' }],
      [0, '10:00', { action: 'assign', boardId: '220100-rsj' }],
      [0, '13:30', { action: 'start' }],
      [2, '10:15', { action: 'reply', content: '网友您好！返乡创业人员首次创办小微企业或从事个体经营，取得营业执照并正常经营6个月以上的，可申请一次性创业补贴。您可在经营满6个月后，携带身份证、营业执照及经营场所证明到所在区人力资源和社会保障部门提出申请，也可通过吉林省人社公共服务平台网上申报。' }],
      [4, '09:00', { action: 'close' }],
    ],
  },
  {
    boardId: '220100-mayor', type: 'complain', domain: 'urban', channel: 'web', publish: true, daysAgo: 57, time: '19:30',
    title: '家里供暖温度一直不达标',
    content: '我家住在宽城区某小区顶楼，供暖开始以来室温一直只有十五六度，晚上更低，老人和孩子都冻感冒了。找过供热公司两次，来人测了温度就走了，一直没有解决。',
    place: { text: '宽城区某小区', public: false },
    author: { nickname: '宽城区居民', realName: '冯雪', phone: '13100003579' },
    remark: '家中有行动不便的老人，上门前请提前电话联系。',
    steps: [
      [1, '09:00', { action: 'accept' }],
      [0, '09:30', { action: 'assign', boardId: '220100-zjj' }],
      [0, '14:00', { action: 'start' }],
      [2, '16:00', { action: 'reply', content: '网友您好！经我局协调，供热企业已上门入户检测，发现您家所在单元供暖管道存在气堵，已进行排气处理，处理后室温达到18℃以上。如仍有问题，请拨打供热服务热线反映。' }],
      [2, '20:10', { action: 'follow-up', content: '排气以后暖了两天，这几天室温又降到16度左右，请再派人来看看。' }],
      [3, '15:40', { action: 'reply', content: '网友您好！收到您的追问后，我局再次督促供热企业上门检查，发现该单元顶层散热器与主管道连接处存在堵塞，已更换阀门并对管道进行冲洗。经连续三天回访测温，室温稳定在19℃至20℃。我局将持续跟踪，确保供暖质量。' }],
      [2, '18:30', { action: 'evaluate', overall: 3, resolution: 3, attitude: 4, speed: 2, comment: '现在暖和了，但前后拖了快一个月。' }],
      [1, '09:00', { action: 'close' }],
    ],
  },
  {
    boardId: '220104-gov', type: 'consult', domain: 'other', channel: 'mobile', publish: true, daysAgo: 29, time: '11:00',
    title: '小区流浪猫太多谁来管',
    content: '我们小区里流浪猫越来越多，有十几只，晚上叫声很大，还有小孩被抓伤过。请问这种情况应该找哪个部门处理？有没有正规的救助机构可以联系？',
    author: { nickname: '爱猫也怕猫', realName: '许晴', phone: '17700004680' },
    steps: [
      [1, '09:40', { action: 'accept' }],
      [0, '10:10', { action: 'assign', boardId: '220104-cgj' }],
      [1, '09:30', { action: 'start' }],
      [3, '14:45', { action: 'reply', content: '网友您好！城区内流浪猫的收容工作由我局会同社区组织开展。我们已联系您所在社区，近期将与依法登记的动物救助组织合作，对小区内流浪猫开展诱捕、绝育和送养工作。如有人被抓伤，请及时到狂犬病暴露处置门诊就诊。' }],
      [2, '10:00', { action: 'close' }],
    ],
  },
  // ── replied ─────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220100-jyj', type: 'consult', domain: 'education', channel: 'web', publish: true, daysAgo: 22, time: '12:30',
    title: '小学入学报名需要哪些材料',
    content: '孩子今年九月上小学，我们户口在二道区，但在南关区买了房子，房产证刚下来。请问在南关区报名需要准备哪些材料？户口没有迁过来会不会影响入学？',
    author: { nickname: '准一年级家长', realName: '张丽', phone: '15800003456', maskNickname: true },
    steps: [
      [1, '09:20', { action: 'accept' }],
      [0, '09:50', { action: 'assign', boardId: '220100-jyj' }],
      [0, '14:00', { action: 'start' }],
      [2, '11:10', { action: 'reply', content: '网友您好！根据我市义务教育招生入学工作安排，适龄儿童可凭户口簿、房屋产权证明及监护人身份证件，在房产所在学区报名。房产与户口不在同一城区的，以房产所在学区为准，户口不迁入不影响报名，但需在报名系统中如实填写信息并上传材料。具体学区划分和报名时间请关注南关区教育部门发布的招生公告。' }],
      [1, '20:05', { action: 'evaluate', overall: 4, resolution: 4, attitude: 5, speed: 4 }],
    ],
  },
  {
    boardId: '220200-gov', type: 'thank', domain: 'health', channel: 'web', publish: true, daysAgo: 18, time: '16:20',
    title: '感谢市中心医院急诊科医护人员',
    content: '上个月我母亲突发脑梗，深夜送到市中心医院急诊科，医生护士第一时间开通绿色通道，及时溶栓，现在母亲已经基本康复出院。特别感谢急诊科和神经内科的医护人员，你们辛苦了！',
    author: { nickname: '患者家属', realName: '韩冬', phone: '13000005791' },
    steps: [
      [1, '09:10', { action: 'accept' }],
      [0, '09:50', { action: 'assign', boardId: '220200-wjw' }],
      [1, '10:00', { action: 'start' }],
      [2, '15:00', { action: 'reply', content: '感谢您对我市医疗卫生工作的肯定！我们已将您的感谢转达给市中心医院急诊科和神经内科全体医护人员。祝愿您的母亲早日完全康复，身体健康！' }],
      [1, '08:30', { action: 'evaluate', overall: 5, resolution: 5, attitude: 5, speed: 5 }],
    ],
  },
  {
    boardId: '220100-mayor', type: 'help', domain: 'employment', channel: 'phone', publish: false, daysAgo: 16, time: '10:40',
    title: '农民工工资被拖欠半年',
    content: '我们十几个工友在朝阳区某商业楼装修项目干了四个月，包工头一直拖欠工资，到现在已经半年了，找了多次都说开发商没给钱。家里老人看病、孩子上学都等着用钱，恳请政府帮我们讨回工钱。',
    place: { text: '朝阳区某商业楼装修项目', public: false },
    author: { nickname: '讨薪工人', realName: '何建国', phone: '15000006802' },
    steps: [
      [0, '11:30', { action: 'accept' }],
      [0, '14:00', { action: 'assign', boardId: '220100-rsj' }],
      [0, '15:30', { action: 'start' }],
      [2, '17:10', { action: 'reply', content: '您好！接到您的求助后，我局劳动保障监察支队立即立案调查，已约谈该项目施工总承包单位和劳务分包负责人，责令其限期支付拖欠的工资。目前总承包单位已承诺在十个工作日内通过农民工工资专用账户足额发放。我们将跟踪督促落实，如到期仍未发放，将依法作出行政处理。' }],
    ],
  },
  {
    boardId: '220100-gov', type: 'suggest', domain: 'agriculture', channel: 'web', publish: true, daysAgo: 24, time: '07:50',
    title: '建议提高秸秆还田作业补贴',
    content: '我是农安县的种粮大户，这两年响应号召搞秸秆还田和保护性耕作，但是作业成本越来越高，现在的补贴标准不够覆盖机械和油费。建议适当提高补贴标准，并且把补贴发放时间提前。',
    author: { nickname: '农安种粮户', realName: '高满仓', phone: '13900007913' },
    steps: [
      [1, '09:30', { action: 'accept' }],
      [0, '10:00', { action: 'assign', boardId: '220100-nyj' }],
      [1, '09:15', { action: 'start' }],
      [6, '16:20', { action: 'reply', content: '网友您好！感谢您对保护性耕作工作的支持。秸秆还田作业补贴标准依据省级统一政策确定，我局已将您的建议整理上报省农业农村厅。补贴发放方面，我们将优化核验流程，力争在作业验收后两个月内兑付到位。' }],
      [2, '19:00', { action: 'evaluate', overall: 2, resolution: 2, attitude: 3, speed: 3, comment: '答复比较笼统，补贴标准什么时候调整没有说。' }],
    ],
  },
  {
    boardId: '220104-gov', type: 'consult', domain: 'government', channel: 'wechat', publish: true, daysAgo: 9, time: '12:10',
    title: '办理居住证需要哪些材料',
    content: '我是外地户籍，在朝阳区租房工作一年多了，想办理居住证给孩子上学用。请问需要准备哪些材料？在哪里办理，多长时间能拿到？',
    author: { nickname: '新长春人', realName: '罗佳', phone: '18900008024', maskNickname: true },
    steps: [
      [1, '09:00', { action: 'accept' }],
      [0, '09:20', { action: 'assign', boardId: '220104-gov' }],
      [0, '10:00', { action: 'start' }],
      [1, '15:30', { action: 'reply', content: '网友您好！在本市居住半年以上、有合法稳定就业或合法稳定住所的，可申领居住证。请携带本人身份证、近期免冠照片、租房合同或劳动合同等证明材料，到居住地派出所户籍窗口申请，材料齐全的一般15个工作日内发证。' }],
    ],
  },
  {
    boardId: '220000-gov', type: 'complain', domain: 'tourism', channel: 'web', publish: true, daysAgo: 26, time: '20:30',
    title: '景区收费项目不透明',
    content: '前段时间带家人去长白山附近某景区游玩，门口标示门票一百元，进去以后观光车、索道又分别收费，很多项目事先根本没有公示，感觉被宰了。建议规范景区收费，明码标价。',
    place: { text: '长白山附近某景区', public: true },
    author: { nickname: '自驾游的老李', realName: '李建', phone: '13800009135' },
    steps: [
      [1, '09:30', { action: 'accept' }],
      [0, '10:30', { action: 'assign', boardId: '220000-whlyt' }],
      [1, '09:00', { action: 'start' }],
      [7, '14:00', { action: 'reply', content: '网友您好！收到您的反映后，我厅会同属地文旅和市场监管部门对该景区进行了检查，责令其在售票处和景区入口显著位置公示门票及观光车、索道等全部收费项目和标准，并对游客服务中心人员进行了培训。感谢您的监督！' }],
      [3, '10:00', { action: 'evaluate', overall: 3, resolution: 3, attitude: 4, speed: 3 }],
    ],
  },
]

import {
  createId,
  createTrackingCode,
  isWorkingDay,
  LIFECYCLE,
  transition,
  type Actor,
  type Board,
  type Channel,
  type DeadlineOptions,
  type Domain,
  type Message,
  type MessageAction,
  type MessageType,
  type Role,
} from '@liuyan/core'
import type { BoardService } from './service.js'
import type { StoreReader } from './store/types.js'

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  /**
   * The moment the demo history leads up to: every event lies before it.
   * @default service.now()
   */
  now?: Date
}

/**
 * The demo's boards: a small tree of real GB/T 2260 regions in Jilin province (吉林省 → 长春市,
 * 吉林市 → districts and agencies, plus the 长春市市长 leader board) and one ministry board apart
 * from it. Names are those of real kinds of units; the tree itself is made up.
 */
export const DEMO_BOARDS: Board[] = [
  { id: '220000-gov', name: '吉林省人民政府', kind: 'agency', level: 'province', parentId: null, region: '220000', acceptsMessages: true, description: '吉林省人民政府网上留言办理平台' },
  { id: '220000-whlyt', name: '吉林省文化和旅游厅', kind: 'agency', level: 'unit', parentId: '220000-gov', region: '220000', acceptsMessages: true },
  { id: '220100-gov', name: '长春市人民政府', kind: 'agency', level: 'city', parentId: '220000-gov', region: '220100', acceptsMessages: true },
  { id: '220100-mayor', name: '长春市市长', kind: 'leader', level: 'city', parentId: '220100-gov', region: '220100', acceptsMessages: true, description: '给市长留言，由市政府办公厅受理并交有关部门办理，审核后公开', deadlines: { help: 3 }, publication: 'review' },
  { id: '220100-zjj', name: '长春市住房和城乡建设局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-jtj', name: '长春市交通运输局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-jyj', name: '长春市教育局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-gaj', name: '长春市公安局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-rsj', name: '长春市人力资源和社会保障局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-nyj', name: '长春市农业农村局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-scjgj', name: '长春市市场监督管理局', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220100-gjj', name: '长春市住房公积金管理中心', kind: 'agency', level: 'unit', parentId: '220100-gov', region: '220100', acceptsMessages: true },
  { id: '220102-gov', name: '南关区人民政府', kind: 'agency', level: 'county', parentId: '220100-gov', region: '220102', acceptsMessages: false, description: '南关区留言板系统升级期间暂停接收新留言，请向长春市人民政府留言' },
  { id: '220104-gov', name: '朝阳区人民政府', kind: 'agency', level: 'county', parentId: '220100-gov', region: '220104', acceptsMessages: true },
  { id: '220104-cgj', name: '朝阳区城市管理局', kind: 'agency', level: 'unit', parentId: '220104-gov', region: '220104', acceptsMessages: true },
  { id: '220200-gov', name: '吉林市人民政府', kind: 'agency', level: 'city', parentId: '220000-gov', region: '220200', acceptsMessages: true },
  { id: '220200-wjw', name: '吉林市卫生健康委员会', kind: 'agency', level: 'unit', parentId: '220200-gov', region: '220200', acceptsMessages: true },
  { id: '220200-ybj', name: '吉林市医疗保障局', kind: 'agency', level: 'unit', parentId: '220200-gov', region: '220200', acceptsMessages: true },
  { id: '100000-mee', name: '生态环境部', kind: 'agency', level: 'ministry', parentId: null, region: '100000', acceptsMessages: true, description: '生态环境部部长信箱' },
]

/**
 * One step of a demo message's history: how long after the previous step (working days for staff,
 * calendar days for the author; 0 = the same day when it fits, else the next one), the China
 * clock time, the action, and optionally the role taking it (default: the first role the
 * lifecycle allows).
 */
type Step = readonly [after: number, time: string, action: MessageAction, role?: Role]

interface DemoMessage {
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
const DEMO_MESSAGES: readonly DemoMessage[] = [
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
  // ── processing ──────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220200-gov', type: 'help', domain: 'health', channel: 'wechat', publish: true, daysAgo: 31, time: '21:40',
    title: '父亲异地就医备案办不下来',
    content: '我父亲在吉林市参加城乡居民医保，现在跟我在外省生活，需要长期在当地医院复查。按网上说明提交了异地就医备案申请，半个月了一直显示审核中，打电话也没人接。老人每次看病都要先全额垫付，负担很重，请帮忙催办一下。',
    author: { nickname: '在外地的女儿', realName: '刘敏', phone: '13700004567' },
    remark: '留言人白天上班，请下午五点后联系。',
    steps: [
      [1, '09:05', { action: 'accept' }],
      [0, '10:20', { action: 'assign', boardId: '220200-ybj' }],
      [2, '09:30', { action: 'start' }],
      [8, '10:00', { action: 'remind', note: '已超过办理时限，请加快办理并及时答复。' }],
      [2, '19:00', { action: 'follow-up', content: '请问现在办到哪一步了？父亲下周还要去医院复查。' }],
      [1, '09:15', { action: 'remind', note: '再次催办，请于两个工作日内答复留言人。' }],
    ],
  },
  {
    boardId: '220100-mayor', type: 'complain', domain: 'environment', channel: 'web', publish: true, daysAgo: 44, time: '22:00',
    title: '工地夜间施工噪音扰民',
    content: '净月区某楼盘工地最近一个月几乎每天晚上施工到凌晨一两点，打桩机和渣土车的声音很大，周边几个小区的居民都睡不好觉。多次打12345反映，白天停一两天晚上又开始施工，希望相关部门严格查处。',
    place: { text: '净月区某在建楼盘工地', public: true },
    author: { nickname: '睡不着的业主', realName: '陈刚', phone: '18600005678' },
    steps: [
      [1, '09:30', { action: 'accept' }],
      [0, '11:00', { action: 'assign', boardId: '220100-zjj' }],
      [1, '10:00', { action: 'start' }],
      [17, '09:00', { action: 'supervise', note: '群众反映强烈，列入市政府督办事项，请住建局会同生态环境部门联合执法。' }],
    ],
  },
  {
    boardId: '220104-gov', type: 'complain', domain: 'urban', channel: 'web', publish: true, daysAgo: 36, time: '18:00',
    title: '老旧小区楼道屋顶漏水',
    content: '朝阳区某老旧小区五号楼屋顶防水层老化，一下雨楼道和顶楼住户家里就漏水，墙皮大面积脱落，电线也被泡过，存在安全隐患。小区没有物业，居民不知道该找谁，请帮忙协调维修。',
    place: { text: '朝阳区某老旧小区五号楼', public: true },
    author: { nickname: '五号楼顶楼住户', realName: '林芳', phone: '13700000246' },
    steps: [
      [1, '09:10', { action: 'accept' }],
      [0, '10:00', { action: 'assign', boardId: '220100-zjj' }],
      [2, '09:00', { action: 'start' }],
      [10, '10:00', { action: 'extend', days: 10, reason: '屋面防水维修需申请使用住宅专项维修资金，须经业主表决和资金审批，申请延期办理。' }],
    ],
  },
  {
    boardId: '220100-jtj', type: 'suggest', domain: 'transport', channel: 'mobile', publish: true, daysAgo: 21, time: '08:20',
    title: '学校周边早高峰拥堵严重',
    content: '绿园区某小学门口每天早上七点半到八点堵得水泄不通，接送孩子的车辆随意停放，公交车都过不去。建议在学校周边设置临时停车区和即停即走车位，高峰时段安排交警疏导。',
    place: { text: '绿园区某小学门口', public: true },
    author: { nickname: '绿园区家长', realName: '宋涛', phone: '18700001368' },
    steps: [
      [0, '10:00', { action: 'accept' }],
      [0, '10:30', { action: 'assign', boardId: '220100-jtj' }],
      [1, '09:00', { action: 'start' }],
      [5, '16:00', { action: 'reply', content: '网友您好！您的建议已收悉。我局已会同交警部门到现场勘查，计划在学校东侧道路施划即停即走临时停车泊位，并在上下学高峰时段增派交通协管员疏导。相关标线施划工作预计两周内完成。' }],
      [6, '07:55', { action: 'follow-up', content: '答复说两周内完成，现在学校门口还没有看到施划的停车泊位，早上依旧拥堵，请问什么时候能落实？' }],
    ],
  },
  {
    boardId: '220104-gov', type: 'complain', domain: 'culture', channel: 'web', publish: true, daysAgo: 19, time: '21:10',
    title: '广场舞音响音量过大扰民',
    content: '我家楼下的文化广场每天晚上六点半到九点半有好几支广场舞队伍，音响开得特别大，家里关着窗都能听得很清楚，孩子没法写作业。希望管理部门规定音量和时间。',
    place: { text: '朝阳区某文化广场', public: true },
    author: { nickname: '楼上住户', realName: '谢雨', phone: '15100002479' },
    steps: [
      [1, '09:20', { action: 'accept' }],
      [0, '09:50', { action: 'assign', boardId: '220104-cgj' }],
      [1, '10:00', { action: 'start' }],
      [3, '15:20', { action: 'reply', content: '网友您好！我局已联系广场所在社区，对广场舞队伍负责人进行了劝导，要求控制音响音量。' }],
      [2, '09:30', { action: 'reopen', reason: '答复未说明具体的音量和时段管理措施，也未反馈整改效果，请进一步核实办理后重新答复。' }],
    ],
  },
  // ── assigned ────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220000-gov', type: 'suggest', domain: 'tourism', channel: 'web', publish: true, daysAgo: 8, time: '17:40',
    title: '建议完善净月潭景区停车引导',
    content: '周末去净月潭景区的游客很多，停车场满了以后没有任何提示，车辆在景区道路上来回绕圈找车位，造成严重拥堵。建议在进入景区的主要路口设置电子车位引导屏，并开通线上预约停车。',
    author: { nickname: '周末游客', realName: '唐磊', phone: '13600003580' },
    steps: [
      [1, '09:30', { action: 'accept' }],
      [0, '10:20', { action: 'assign', boardId: '220000-whlyt' }],
    ],
  },
  {
    boardId: '220100-gov', type: 'consult', domain: 'finance', channel: 'mobile', publish: true, daysAgo: 11, time: '14:25',
    title: '创业担保贷款申请条件咨询',
    content: '我是今年的高校毕业生，准备和同学一起开一家设计工作室。请问创业担保贷款对高校毕业生有什么条件，最多能贷多少，需要什么担保？',
    author: { nickname: '应届毕业生', realName: '彭悦', phone: '18500004691', maskNickname: true },
    steps: [
      [1, '09:10', { action: 'accept' }],
      [0, '09:40', { action: 'assign', boardId: '220100-rsj' }],
      [3, '20:00', { action: 'follow-up', content: '请问有进展了吗？我们想在下个月前把资金落实。' }],
    ],
  },
  {
    boardId: '220100-mayor', type: 'complain', domain: 'enterprise', channel: 'web', publish: false, daysAgo: 6, time: '10:05',
    title: '企业变更登记办理缓慢',
    content: '我公司三周前在网上提交了法定代表人变更登记申请，材料按要求补正过一次，之后一直显示审核中，打电话咨询说排队等候。变更迟迟办不下来，影响了公司和银行的业务办理，请帮助协调。',
    author: { nickname: '企业经办人', realName: '曹阳', phone: '13500005702' },
    remark: '企业名称：长春某科技有限公司（供办理参考，请勿公开）',
    steps: [
      [1, '09:00', { action: 'accept' }],
      [0, '09:30', { action: 'assign', boardId: '220104-gov' }],
      [1, '14:00', { action: 'transfer', boardId: '220100-scjgj', reason: '企业变更登记属市场监督管理部门职责，转市市场监督管理局办理。' }, 'handler'],
    ],
  },
  // ── accepted ────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220100-mayor', type: 'complain', domain: 'security', channel: 'wechat', publish: true, daysAgo: 3, time: '07:30',
    title: '深夜有人在城区道路飙车',
    content: '最近一个月每到深夜，人民大街南段就有改装车和摩托车飙车，发动机轰鸣声特别大，速度很快，非常危险，附近居民经常被吵醒。希望交警和公安部门加强巡查，依法查处。',
    place: { text: '人民大街南段', public: true },
    author: { nickname: '人民大街住户', realName: '袁博', phone: '15200006813', maskNickname: true },
    steps: [[1, '09:00', { action: 'accept' }]],
  },
  {
    boardId: '220200-gov', type: 'help', domain: 'agriculture', channel: 'phone', publish: true, daysAgo: 2, time: '09:30',
    title: '农田灌溉水渠堵塞求助',
    content: '永吉县某村的农田灌溉主水渠被上游冲下来的泥沙和杂物堵住了，水流不过来，几百亩水稻田灌不上水，村民自己清理不动，请求政府协调机械帮助疏通。',
    place: { text: '永吉县某村', public: true },
    author: { nickname: '永吉稻农', realName: '姜福', phone: '13400007924' },
    steps: [[0, '14:00', { action: 'accept' }]],
  },
  // ── pending ─────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220100-gov', type: 'suggest', domain: 'culture', channel: 'web', publish: true, daysAgo: 1, time: '20:40',
    title: '建议延长市图书馆开放时间',
    content: '市图书馆工作日晚上五点就闭馆，上班族下班后根本来不及去借书和自习。建议工作日延长到晚上九点，节假日正常开放，让更多市民能用上公共文化资源。',
    author: { nickname: '爱读书的上班族', realName: '钱程', phone: '18100008035' },
    steps: [],
  },
  {
    boardId: '220100-mayor', type: 'consult', domain: 'employment', channel: 'mobile', publish: false, daysAgo: 1, time: '12:50',
    title: '灵活就业人员社保如何缴纳',
    content: '我从公司辞职后开始跑网约车，属于灵活就业人员。请问养老保险和医疗保险可以自己缴纳吗？缴费基数怎么选，能不能在网上办理？',
    author: { nickname: '网约车司机', realName: '邓军', phone: '17600009146' },
    remark: '白天跑车不方便接电话，请尽量短信联系。',
    steps: [],
  },
  {
    boardId: '220104-gov', type: 'thank', domain: 'government', channel: 'web', publish: true, daysAgo: 2, time: '16:10',
    title: '感谢政务服务大厅的热心服务',
    content: '前几天到朝阳区政务服务大厅办理不动产登记，材料不齐，窗口工作人员耐心地帮我梳理清单，还帮我预约了下次办理时间，第二次去半个小时就办完了。感谢你们的热心服务！',
    author: { nickname: '办事群众', realName: '潘玉', phone: '15300000357' },
    steps: [],
  },
  // ── rejected ────────────────────────────────────────────────────────────────────────────────
  {
    boardId: '220100-mayor', type: 'complain', domain: 'finance', channel: 'web', publish: false, daysAgo: 14, time: '21:30',
    title: '网贷平台暴力催收骚扰',
    content: '我在某网贷平台借了一笔钱，因为失业暂时还不上，平台天天打电话骚扰我和我的家人、同事，还发短信威胁。请政府管管这些网贷平台。',
    author: { nickname: '被催收的人', realName: '蒋涛', phone: '13300001470', maskNickname: true },
    steps: [
      [1, '09:40', { action: 'reject', code: 'out_of_scope', reason: '您反映的问题属于金融监管部门职责范围，请向国家金融监督管理总局吉林监管局反映，或拨打金融消费者投诉热线12378；如遭受威胁恐吓，请及时向公安机关报案。' }],
    ],
  },
  {
    boardId: '220100-gov', type: 'complain', domain: 'environment', channel: 'web', publish: true, daysAgo: 12, time: '21:30',
    title: '净月区工地夜里还在施工',
    content: '净月区那个楼盘工地晚上还在施工，噪音太大了，之前已经反映过还没有解决，请尽快处理。',
    author: { nickname: '睡不着的业主', realName: '陈刚', phone: '18600005678' },
    steps: [
      [1, '10:00', { action: 'reject', code: 'duplicate', reason: '您反映的问题已在此前的留言中受理，并已列入市政府督办事项，目前正在办理中。为避免重复办理，本条留言不再单独受理，请通过原留言的查询码关注办理进展。' }],
    ],
  },
]

/**
 * Loads, into an empty store, the demo boards and about thirty messages in realistic Chinese that
 * cover every type, domain and status: official replies signed by the handling unit, follow-ups,
 * ratings, supervision, reminders, an extension, transfers, refusals, and open messages past their
 * deadline. Every message's history is built by applying core's `transition()` step by step at
 * past times (staff in office hours on working days, China time), so each timeline is a real
 * sequence of allowed actions.
 *
 * Touches nothing in a store that already holds any board or message: demo boards carry real
 * region codes and ids such as `220100-gov`, and writing them over an agency's own boards would
 * replace its settings. So seeding again a store it seeded before (a restart with `--seed demo`)
 * changes nothing either, and `seeded` is false with nothing counted. Boards and messages are
 * written in one transaction: a store is seeded whole or not at all, even when seeds race.
 *
 * @returns whether it seeded, and how many boards and messages it wrote
 * @example
 * ```ts
 * const service = createBoardService({ store: createMemoryStore() })
 * const { seeded, messages } = await seedDemo(service)
 * ```
 */
export async function seedDemo(service: BoardService, options: SeedOptions = {}): Promise<{ seeded: boolean; boards: number; messages: number }> {
  const untouched = { seeded: false, boards: 0, messages: 0 }
  if (!(await isEmpty(service.store.read))) return untouched
  const messages = buildDemoMessages(options.now ?? service.now())
  // Demo authors are made up: their codes are known to no one (a supervisor can reissue one).
  const hashes = await Promise.all(messages.map(() => service.hashTrackingCode(createTrackingCode())))
  // Checked again inside the transaction: a write since the first look must win over the demo.
  const seeded = await service.store.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return false
    for (const board of DEMO_BOARDS) await tx.putBoard(board)
    for (const [index, message] of messages.entries()) await tx.insertMessage(message, hashes[index]!)
    return true
  })
  if (!seeded) return untouched
  service.forgetBoards()
  return { seeded, boards: DEMO_BOARDS.length, messages: messages.length }
}

async function isEmpty(reader: StoreReader): Promise<boolean> {
  return (await reader.countMessages()) === 0 && (await reader.listBoards()).length === 0
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR
// Like the service's default: a year without a State Council notice counts weekends only.
const CALENDAR: DeadlineOptions = { outsideCalendar: 'weekends' }

function buildDemoMessages(now: Date): Message[] {
  const boards = new Map(DEMO_BOARDS.map((b) => [b.id, b]))
  return DEMO_MESSAGES.map((spec) => build(spec, schedule(spec, now.getTime()), boards))
}

function build(spec: DemoMessage, times: readonly number[], boards: ReadonlyMap<string, Board>): Message {
  const createdAt = new Date(times[0]!).toISOString()
  let message: Message = {
    id: createId(),
    boardId: spec.boardId,
    type: spec.type,
    domain: spec.domain,
    title: spec.title,
    content: spec.content,
    images: [],
    imagesPublic: false,
    author: { ...spec.author, maskNickname: spec.author.maskNickname ?? false },
    publish: spec.publish,
    channel: spec.channel,
    status: 'pending',
    createdAt,
    supervised: false,
    reminders: 0,
    posts: [],
    timeline: [{ id: createId(), type: 'submit', at: createdAt, actor: { role: 'citizen' }, to: 'pending' }],
  }
  if (spec.place) message.place = { ...spec.place }
  if (spec.remark) message.remark = spec.remark
  spec.steps.forEach(([, , action, role], index) => {
    const actorRole = role ?? LIFECYCLE[action.action].roles[0]!
    const handling = boards.get(message.assigneeBoardId ?? message.boardId)
    const result = transition(message, action, {
      actor: actor(actorRole, handling),
      now: new Date(times[index + 1]!),
      policy: boards.get(message.boardId)?.deadlines ?? {},
      calendar: CALENDAR,
      // The demo's history was published on acceptance, before the mayor's board began to review
      // publication: new messages there wait for the publish action.
      publishOnAccept: true,
      ...(handling ? { organization: handling.name } : {}),
    })
    // The demo data is fixed: a refused step is a mistake in this file, not a runtime condition.
    if (!result.ok) throw new Error(`Demo message "${spec.title}", step ${index + 1} (${action.action}): ${result.error.message}`)
    message = result.message
  })
  return message
}

function actor(role: Role, handling: Board | undefined): Actor {
  switch (role) {
    case 'citizen':
      return { role }
    case 'reviewer':
      return { role, name: '留言审核员' }
    case 'supervisor':
      return { role, name: '督查室' }
    case 'handler':
      return { role, name: handling?.name ?? '办理单位' }
  }
}

/**
 * The instants of the submission and of each step, all before `now`. When a history would reach
 * `now` (a short one starting a day or two back, a long holiday in between), it starts earlier.
 */
function schedule(spec: DemoMessage, now: number): number[] {
  let daysAgo = spec.daysAgo
  for (;;) {
    const times = [at(chinaDay(now) - daysAgo, spec.time)]
    for (const [after, time, action, role] of spec.steps) {
      const staff = (role ?? LIFECYCLE[action.action].roles[0]) !== 'citizen'
      times.push(next(times[times.length - 1]!, after, time, staff))
    }
    const overrun = times[times.length - 1]! - (now - MINUTE)
    if (overrun < 0) return times
    daysAgo += Math.ceil(overrun / DAY) + 1
  }
}

/** `after` days (working days for staff) after `previous`, at `time` China time. */
function next(previous: number, after: number, time: string, staff: boolean): number {
  const open = (day: number) => !staff || isWorkingDay(new Date(at(day, '12:00')), CALENDAR)
  let day = chinaDay(previous)
  if (after === 0) {
    if (!open(day) || at(day, time) <= previous) {
      do day++
      while (!open(day))
    }
  } else {
    for (let left = after; left > 0; ) {
      day++
      if (open(day)) left--
    }
  }
  return at(day, time)
}

/** The China calendar day of an instant, as days since 1970-01-01. */
function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET) / DAY)
}

/** The instant of `HH:MM` China time on a China calendar day. */
function at(day: number, time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return day * DAY - CHINA_OFFSET + hours * HOUR + minutes * MINUTE
}

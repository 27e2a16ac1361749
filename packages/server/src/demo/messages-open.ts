// The demo's messages still being handled (processing, assigned, accepted, pending) and the refused ones.
import type { DemoMessage } from './messages.js'

export const OPEN_OR_REFUSED: readonly DemoMessage[] = [
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

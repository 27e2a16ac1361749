// The demo's board tree (seed.ts).
import type { Board } from '@liuyan/core'

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

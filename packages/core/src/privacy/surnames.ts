/**
 * Surnames that tell a name after a self-introduction cue (我叫…, 姓名：…) from an ordinary word.
 * Private to core's privacy module.
 *
 * The single-character list holds the most common surnames of the mainland (roughly the top 150 of
 * the household register), less a few that are far more often a word than a name where a cue puts
 * them (党 in 我是党员, 于 is kept but read as a preposition after 本人, see names.ts). A name with a
 * rarer surname after a cue is missed: the author's own name still reaches `findPII` through
 * its `names` option.
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柴牛温庞樊兰殷葛齐伍申耿关包凌左詹祝鲁华毕聂焦安俞章倪宁邢滕蓝卓岳柳甘喻阮井季纪郎单',
)

/** Two-character surnames; a compound surname is kept whole when a name is masked (欧阳**). */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '独孤', '南宫', '端木', '呼延', '申屠', '澹台', '太史',
])

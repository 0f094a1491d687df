// The demo people of the test provider. Their groups are what a department's directory would
// send; services/common/claim-mapping.json turns them into the platform's role, unit and cadre.
// Ids match the demo city (services/indicator/demo/city.py: 马颈坳镇 and its principal).
export const PEOPLE = {
  'admin': { name: '组织部 管理员', groups: ['cadre-platform-admins'] },
  'assessor': { name: '考核组 评估员', groups: ['cadre-platform-assessors'] },
  'reporter': {
    name: '马颈坳镇 填报员',
    groups: ['cadre-platform-unit-reporters', 'cadre-platform-unit:JS-MAJINGAO'],
  },
  'cadre': { name: '马颈坳镇 干部', groups: ['cadre-platform-cadres', 'cadre-platform-cadre:C-0001'] },
  'trainer': { name: '党校 培训员', groups: ['cadre-platform-trainers'] },
  'citizen': { name: '群众 评议员', groups: ['cadre-platform-public-evaluators'] },
  // Belongs to no platform group: the platform must refuse their token.
  'outsider': { name: '其他系统 用户', groups: ['mail-users'] },
};

export function account(id) {
  const person = PEOPLE[id];
  if (!person) return undefined;
  return {
    accountId: id,
    async claims() {
      return { sub: id, name: person.name, groups: person.groups };
    },
  };
}

import { describe, expect, it } from 'vitest';
import { groupNearDuplicates, opinionSimilarity, sameOpinion } from './legislation.grouping.ts';

/** The same point said in other words, as residents say it at a meeting or write it on paper. */
const PARAPHRASES: Array<[string, string]> = [
  ['签约前应当书面告知居民过渡安置方案', '在签订协议之前，要以书面形式把过渡安置的方案告诉居民'],
  ['建议明确加装电梯的费用分摊办法', '加装电梯的钱怎么分摊，应该写清楚'],
  ['建议将第二款中的“可以”修改为“应当”', '第二款的“可以”改成“应当”，不然没有约束力'],
  ['建议将公示期限由七日延长至十五日', '公示时间太短，建议从7天延长到15天'],
  ['建议增加对老年人、残疾人等特殊群体的照顾措施', '对老人和残障人士这些特殊人群要有照顾的办法'],
  ['建议细化本条的处罚标准，区分情节轻重', '处罚标准太笼统了，应该按情节轻重分别规定'],
  ['建议增加听取居民意见的程序，保障居民知情权和参与权', '要先听听老百姓的意见，保障大家的知情权、参与权'],
];

/** Close in wording but a different point: opposite direction, other figure, other party. */
const DIFFERENT: Array<[string, string]> = [
  ['建议将公示期限由七日延长至三十日', '建议将公示期限由七日缩短至三日'],
  ['建议增加签约前书面告知过渡安置方案的要求', '建议删除签约前书面告知过渡安置方案的要求'],
  ['建议将百分之九十五的比例提高到百分之九十八', '建议将百分之九十五的比例降低到百分之九十'],
  ['低楼层住户加装电梯应当减免费用', '高楼层住户加装电梯应当多承担费用'],
  ['建议明确本条中责任主体的具体职责', '建议明确本条中监督部门的具体职责'],
  ['建议增加听取居民意见的程序', '建议增加听取专家意见的程序'],
  ['建议将第二款中的“可以”修改为“应当”', '建议将第三款中的“可以”修改为“应当”'],
  ['建议明确加装电梯的费用分摊办法', '建议明确加装电梯的后期维护责任'],
];

describe('near-duplicate opinions', () => {
  it.each(PARAPHRASES)('takes a paraphrase for the same point: %s / %s', (a, b) => {
    expect(sameOpinion(a, b), `similarity ${opinionSimilarity(a, b).toFixed(2)}`).toBe(true);
  });

  it.each(DIFFERENT)('keeps a near but different point apart: %s / %s', (a, b) => {
    expect(sameOpinion(a, b), `similarity ${opinionSimilarity(a, b).toFixed(2)}`).toBe(false);
  });

  it('groups paraphrases of one point and keeps different points apart', () => {
    const groups = groupNearDuplicates([
      '建议增加签约前书面告知过渡安置方案的要求',
      '建议将百分之九十五的比例提高到百分之九十八',
      '建议增加：签约前要书面告知过渡安置方案',
      '在签订协议之前，要以书面形式把过渡安置的方案告诉居民',
      '建议删除本条第二款',
      '建议把95%提高到98%',
      '建议将百分之九十五的比例降低到百分之九十',
    ]);
    expect(groups).toEqual([[0, 2, 3], [1, 5], [4], [6]]);
  });

  it('groups the demo seed’s wordings of one point together', () => {
    const groups = groupNearDuplicates([
      '建议明确本条中责任主体的具体职责和办理时限',
      '建议本条明确责任主体的具体职责，并规定办理时限',
      '本条应明确责任主体具体职责和办理的时限',
      '建议增加听取居民意见的程序，保障居民知情权和参与权',
      '建议增加对老年人、残疾人等特殊群体的照顾措施',
      '建议增加对独居老人和残疾人等特殊群体的照顾措施',
      '建议将“可以”修改为“应当”，增强条文的约束力',
      '建议把本条的“可以”改为“应当”，增强约束力',
      '建议细化本条的处罚标准，区分情节轻重',
      '建议区分情节轻重，细化本条处罚标准',
      '建议增加数字化平台办理渠道，方便居民线上反映问题',
    ]);
    expect(groups).toEqual([[0, 1, 2], [3], [4, 5], [6, 7], [8, 9], [10]]);
  });
});

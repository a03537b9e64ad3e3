/**
 * Synthetic drafts in the LawRefBook Markdown layout: for the parser benchmark, tests and the demo
 * seed's smaller drafts. The wording is generic filler; only the structure matters.
 */
import { numberToChinese } from './legislation.parser.ts';

export interface SyntheticOptions {
  title: string;
  articles: number;
  /** Chapters (章); 0 for a draft without chapters. */
  chapters?: number;
  /** Sections (节) in every chapter. */
  sectionsPerChapter?: number;
  /** Seeds the choice of wording so different drafts read differently. */
  variant?: number;
}

const SUBJECTS = [
  '街道办事处',
  '居民委员会',
  '业主大会',
  '物业服务企业',
  '区人民政府有关部门',
  '社区工作者',
  '志愿服务组织',
  '房屋管理部门',
];
const DUTIES = [
  '应当听取居民意见，并将处理结果及时公开',
  '应当建立健全工作制度，明确责任分工',
  '应当加强日常巡查，发现问题及时处置',
  '可以组织协商议事，推动形成共识',
  '应当保障老年人、残疾人等群体的合理需求',
  '应当依法保护个人信息，不得泄露或者非法提供',
];
const CHAPTER_TITLES = ['总则', '组织与职责', '参与和协商', '实施与保障', '监督管理', '法律责任', '附则'];

/** A Markdown draft with `articles` articles spread evenly over `chapters` chapters (and sections). */
export function syntheticCode(options: SyntheticOptions): string {
  const { title, articles, chapters = 0, sectionsPerChapter = 0, variant = 0 } = options;
  const out = [`# ${title}`, '', `${2026}年 征求意见稿`, '', '<!-- INFO END -->', ''];
  const groups = Math.max(1, chapters) * Math.max(1, sectionsPerChapter);
  const perGroup = Math.ceil(articles / groups);
  let n = 0;
  for (let c = 1; c <= Math.max(1, chapters) && n < articles; c++) {
    if (chapters) {
      const name = CHAPTER_TITLES[(c - 1) % CHAPTER_TITLES.length]!;
      out.push(`## 第${numberToChinese(c)}章 ${c === chapters ? '附则' : name}`, '');
    }
    for (let s = 1; s <= Math.max(1, sectionsPerChapter) && n < articles; s++) {
      if (sectionsPerChapter) out.push(`### 第${numberToChinese(s)}节 第${c}部分之${s}`, '');
      for (let k = 0; k < perGroup && n < articles; k++) {
        n++;
        const subject = SUBJECTS[(n + variant) % SUBJECTS.length]!;
        const duty = DUTIES[(n * 7 + variant) % DUTIES.length]!;
        out.push(`第${numberToChinese(n)}条 ${subject}${duty}。`, '');
        if (n % 3 === 0) {
          out.push(`${subject}履行前款职责，应当遵守下列规定：`, '');
          out.push(
            '（一）事先公告，听取意见；',
            '',
            '（二）如实记录，存档备查；',
            '',
            '（三）结果公开，接受监督。',
            '',
          );
        } else if (n % 4 === 0) {
          out.push(`违反前款规定的，由有关部门责令改正。`, '');
        }
      }
    }
  }
  return out.join('\n');
}

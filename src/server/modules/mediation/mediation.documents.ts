import { requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict } from '../../platform/errors.ts';
import { pdfField, renderPdf, type Pdf } from '../../platform/pdf.ts';
import { getCase } from './mediation.cases.ts';
import { streetDate } from '../../platform/streetTime.ts';

/** The case's documents as printable PDFs: the acceptance notice and the agreement (调解协议书). */

const roleLabel = { applicant: '申请人', respondent: '被申请人', third_party: '其他当事人' } as const;
const levelLabel = { residential: '居民区人民调解委员会', street: '街道人民调解委员会' } as const;
const day = (iso: string | null) => (iso ? streetDate(iso) : '____年__月__日');

/** 当事人的基本情况: name, the household's address for residents of the street, other particulars. */
function partyLine(p: { name: string; householdLabel: string | null; info: string | null }): string {
  return [p.name, p.householdLabel ? `住${p.householdLabel}` : null, p.info].filter(Boolean).join('，');
}

async function committeeName(deps: Deps, ctx: RequestContext, level: keyof typeof levelLabel) {
  const tenantId = requireTenant(ctx.actor);
  const t = await deps.db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return `${t.name}${levelLabel[level]}`;
}

function heading(doc: Pdf, committee: string, title: string, caseNo: string) {
  doc.font('bold').fontSize(16).text(committee, { align: 'center' });
  doc.fontSize(18).text(title, { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#444')
    .text(`（${caseNo.slice(0, 4)}）调字第 ${caseNo.slice(5)} 号`, {
      align: 'center',
    });
  doc.fillColor('#000').moveDown(1);
}

/** 受理通知书 or 不予受理通知书 (第十八条: the committee may decline and must tell the parties why). */
export async function decisionNoticePdf(deps: Deps, ctx: RequestContext, caseId: number): Promise<Buffer> {
  const c = await getCase(deps, ctx, caseId);
  if (!c.decidedAt) throw conflict('案件尚未作出受理决定', 'No acceptance decision yet');
  const committee = await committeeName(deps, ctx, c.level);
  const refused = c.status === 'refused';
  return renderPdf({ title: `${refused ? '不予受理' : '受理'}通知书 ${c.caseNo}` }, (doc) => {
    heading(doc, committee, refused ? '不予受理通知书' : '受理通知书', c.caseNo);
    for (const p of c.parties) pdfField(doc, roleLabel[p.role], partyLine(p));
    pdfField(doc, '纠纷事项', c.title);
    doc.moveDown(0.8).font('regular').fontSize(11.5);
    if (refused) {
      doc.text(
        `经审查，本委员会决定对上述纠纷不予受理。理由：${c.decisionReason ?? ''}。当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。`,
        { lineGap: 4 },
      );
    } else {
      doc.text(
        '经审查，上述纠纷属于人民调解的受理范围，本委员会决定予以受理。调解遵循当事人自愿、平等的原则，当事人在调解活动中享有《中华人民共和国人民调解法》第二十三条规定的权利，并应履行第二十四条规定的义务。',
        { lineGap: 4 },
      );
    }
    doc.moveDown(2).text(`${committee}（盖章）`, { align: 'right' });
    doc.text(day(c.decidedAt), { align: 'right' });
  });
}

/**
 * 调解协议书 with the contents required by 人民调解法 第二十九条: the parties' basic information, the
 * main facts, the disputed matters and responsibilities, the agreed terms, and the manner and time
 * limit of performance; signed by the parties and the mediator (第二十九条第二款) and taking effect
 * from the last signature; 第三十三条: judicial confirmation may be applied for jointly within 30 days.
 */
export async function agreementPdf(deps: Deps, ctx: RequestContext, caseId: number): Promise<Buffer> {
  const c = await getCase(deps, ctx, caseId);
  if (c.status !== 'agreed' || !c.agreement) throw conflict('案件尚无书面调解协议', 'No written agreement');
  const a = c.agreement;
  const committee = await committeeName(deps, ctx, c.level);
  const mediators = c.members.filter((m) => m.role === 'mediator');
  return renderPdf({ title: `人民调解协议书 ${c.caseNo}` }, (doc) => {
    heading(doc, committee, '人民调解协议书', c.caseNo);
    doc.font('bold').fontSize(12).text('一、当事人基本情况');
    doc.moveDown(0.3);
    for (const p of c.parties) pdfField(doc, roleLabel[p.role], partyLine(p));
    const section = (title: string, body: string) => {
      doc.moveDown(0.4).font('bold').fontSize(12).text(title);
      doc.moveDown(0.2).font('regular').fontSize(11).text(body, { lineGap: 3 });
    };
    section('二、纠纷的主要事实', a.facts);
    section('三、争议事项及各方当事人的责任', a.disputedMatters);
    section('四、经调解，各方当事人自愿达成如下协议', a.terms);
    section('五、履行方式与期限', `${a.performance}。履行期限：${a.performBy} 前。`);
    section(
      '六、其他',
      '本协议自各方当事人签名、人民调解员签名并加盖人民调解委员会印章之日起生效，对当事人具有法律约束力，当事人应当按照约定履行。双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式' +
        `${c.parties.length + 1}份，当事人各执一份，人民调解委员会留存一份。`,
    );
    doc.moveDown(1.2).font('regular').fontSize(11);
    for (const p of c.parties)
      doc.text(
        `${roleLabel[p.role]}（签名）：${p.name}    ${p.signedAt ? `已签 ${day(p.signedAt)}${signedHow(p)}` : '____________'}`,
        {
          lineGap: 6,
        },
      );
    for (const m of mediators)
      doc.text(
        `人民调解员（签名）：${m.name}    ${m.signedAt ? `已签 ${day(m.signedAt)}` : '____________'}`,
        {
          lineGap: 6,
        },
      );
    doc.moveDown(1).text(`${committee}（盖章）`, { align: 'right' });
    doc.text(c.agreementEffectiveAt ? `生效日期：${day(c.agreementEffectiveAt)}` : '（待各方签名后生效）', {
      align: 'right',
    });
    if (c.confirmationDueOn)
      doc
        .moveDown(0.5)
        .fontSize(9)
        .fillColor('#444')
        .text(`司法确认申请期限：${c.confirmationDueOn} 前（人民调解法第三十三条）`, { align: 'right' });
  });
}

const SIGNED_HOW = {
  paper: '本人现场在纸质协议上签字',
  device: '本人现场在设备上手写签名',
  fingerprint: '本人现场按手印',
  proxy: '委托代理人代签',
  online: '本人在线签名',
} as const;

/** `（本人现场在纸质协议上签字，见证人：陈丽华、顾某）`: how a party signed, and who witnessed it. */
export function signedHow(p: Awaited<ReturnType<typeof getCase>>['parties'][number]): string {
  if (!p.signedHow) return '';
  const how =
    p.signedHow === 'proxy' && p.signedProxy
      ? `${SIGNED_HOW.proxy}：${p.signedProxy}${p.signedAuthorisation ? `（授权委托书：${p.signedAuthorisation}）` : ''}`
      : SIGNED_HOW[p.signedHow];
  const witnesses = [p.signedWitness, p.signedWitnessName].filter(Boolean).join('、');
  return `（${how}${witnesses ? `，见证人：${witnesses}` : ''}）`;
}

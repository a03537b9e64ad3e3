import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { OpinionLinks } from '../opinion/OpinionLinks.tsx';
import { Alert, Button, Checkbox, Input, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useDraft,
  useSubmitOpinion,
  type DraftArticle,
  type DraftNode,
  type OpinionInput,
  type OpinionKind,
} from './legislation.api.ts';
import { RecordOpinionForm } from './RecordOpinionForm.tsx';
import './legislation.css';

const KINDS: OpinionKind[] = ['amend', 'delete', 'add', 'principle'];

/** Reading view of a draft: table of contents, every article addressable (#art-35), opinions inline. */
export function DraftPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const draft = useDraft(id);
  const me = useMe();
  const { hash } = useLocation();
  const canComment = hasPermission(me, 'legislation.comment');
  const canManage = hasPermission(me, 'legislation.manage');
  const canRecord = hasPermission(me, 'legislation.record');

  useEffect(() => {
    if (draft.data && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [draft.data, hash]);

  if (draft.isPending) return <FullPageSpin />;
  if (!draft.data) return <ErrorAlert error={draft.error} />;
  const d = draft.data;
  return (
    <Page
      title={d.title}
      intro={t('legislation.readIntro', { articles: d.counts.articles })}
      actions={
        <Space wrap>
          <Link to="/legislation">{t('legislation.back')}</Link>
          <OpinionLinks filter={{ draftId: id }} />
          {canManage ? (
            <Link to={`/legislation/drafts/${id}/report`}>{t('legislation.reportLink')}</Link>
          ) : null}
        </Space>
      }
    >
      {canRecord ? <RecordOpinionForm draftId={id} nodes={d.nodes} /> : null}
      <div className="gz-law">
        {d.history.length ? (
          <div style={{ color: '#555', fontSize: 16 }}>
            {d.history.map((h) => (
              <p key={h}>{h}</p>
            ))}
          </div>
        ) : null}
        <Toc nodes={d.nodes} />
        {canComment ? <OpinionBox draftId={id} article={null} /> : null}
        {d.preface.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <Nodes nodes={d.nodes} draftId={id} canComment={canComment} />
        {d.appendices.map((a, i) => (
          <section key={i} className="gz-law-appendix" aria-label={a.heading}>
            <h2 className="gz-law-heading">{a.heading}</h2>
            {a.lines.map((line, j) => (
              <p key={j}>{line}</p>
            ))}
          </section>
        ))}
      </div>
    </Page>
  );
}

function Toc({ nodes }: { nodes: DraftNode[] }) {
  const { t } = useTranslation();
  const headings = nodes.filter((n) => n.type === 'heading');
  const articles = nodes.filter((n): n is DraftArticle => n.type === 'article');
  const render = (list: DraftNode[]): React.ReactNode => (
    <ul>
      {list.map((n) =>
        n.type === 'heading' ? (
          <li key={n.anchor}>
            <a href={`#${n.anchor}`}>{n.heading}</a>
            {n.children.some((c) => c.type === 'heading')
              ? render(n.children.filter((c) => c.type === 'heading'))
              : null}
          </li>
        ) : null,
      )}
    </ul>
  );
  return (
    <nav aria-label={t('legislation.toc')} className="gz-law-toc">
      <h2>{t('legislation.toc')}</h2>
      {headings.length ? (
        render(headings)
      ) : (
        <p>
          {articles.map((a) => (
            <a key={a.anchor} href={`#${a.anchor}`} style={{ marginRight: 16 }}>
              {a.label}
            </a>
          ))}
        </p>
      )}
    </nav>
  );
}

function Nodes({ nodes, draftId, canComment }: { nodes: DraftNode[]; draftId: number; canComment: boolean }) {
  return (
    <>
      {nodes.map((n) =>
        n.type === 'heading' ? (
          <section key={n.anchor} aria-labelledby={n.anchor}>
            <h2 id={n.anchor} className="gz-law-heading" tabIndex={-1}>
              {n.heading}
            </h2>
            <Nodes nodes={n.children} draftId={draftId} canComment={canComment} />
          </section>
        ) : (
          <Article key={n.anchor} article={n} draftId={draftId} canComment={canComment} />
        ),
      )}
    </>
  );
}

function Article({
  article,
  draftId,
  canComment,
}: {
  article: DraftArticle;
  draftId: number;
  canComment: boolean;
}) {
  return (
    <article id={article.anchor} className="gz-law-article" aria-label={article.label} tabIndex={-1}>
      {article.paragraphs.map((p, i) => (
        <div key={p.number}>
          <p>
            {i === 0 ? <span className="gz-law-label">{article.label}</span> : null}
            {p.text}
          </p>
          {p.items.map((item) => (
            <p key={item.number} className="gz-law-item">
              {item.text}
            </p>
          ))}
        </div>
      ))}
      {canComment ? <OpinionBox draftId={draftId} article={article} /> : null}
    </article>
  );
}

/**
 * The opinion form opens in place under the article (no pop-up), with large controls. Once sent,
 * the thanks stay there, large, where the resident was looking (a passing toast is missed, and
 * elder mode has no pop-ups); focus moves to them so a screen reader says them too.
 */
function OpinionBox({ draftId, article }: { draftId: number; article: DraftArticle | null }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);
  const submit = useSubmitOpinion(draftId);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<OpinionKind>(article ? 'amend' : 'principle');
  const [paragraph, setParagraph] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const label = article ? article.label : t('legislation.wholeDraft');
  if (!open) {
    return (
      <div className="gz-law-actions">
        {sent ? (
          <div ref={sentRef} tabIndex={-1} className="gz-opinion-sent" data-testid="opinion-sent">
            <Alert type="success" showIcon title={t('legislation.thanks')} />
          </div>
        ) : null}
        <Button
          onClick={() => {
            setSent(false);
            setOpen(true);
          }}
          aria-label={t('legislation.commentOn', { label })}
        >
          {article ? t('legislation.comment') : t('legislation.commentWhole')}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="gz-opinion-form"
      aria-label={t('legislation.commentOn', { label })}
      onSubmit={(e) => {
        e.preventDefault();
        const body: OpinionInput = {
          kind,
          text: text.trim(),
          anonymous,
          ...(article ? { articleId: article.id } : {}),
          ...(article && paragraph ? { paragraph } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        };
        submit.mutate(body, {
          onSuccess: () => {
            setSent(true);
            setOpen(false);
            setText('');
            setReason('');
          },
        });
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <fieldset>
          <legend>{t('legislation.kind')}</legend>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as OpinionKind)} size="large">
            {KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`legislation.kind_${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </fieldset>
        {article && article.paragraphs.length > 1 ? (
          <label>
            {t('legislation.paragraph')}
            <Select
              size="large"
              style={{ width: '100%' }}
              allowClear
              value={paragraph}
              onChange={(v: number | undefined) => setParagraph(v)}
              placeholder={t('legislation.wholeArticle')}
              options={article.paragraphs.map((p) => ({
                value: p.number,
                label: t('legislation.paragraphN', { n: p.number }) + '：' + p.text.slice(0, 20),
              }))}
            />
          </label>
        ) : null}
        <label>
          {t('legislation.text')}
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={4}
            required
            minLength={2}
            style={{ fontSize: 18 }}
          />
        </label>
        <label>
          {t('legislation.reason')}
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            style={{ fontSize: 18 }}
          />
        </label>
        <Checkbox checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)}>
          {t('legislation.anonymous')}
        </Checkbox>
        <ErrorAlert error={submit.error} />
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={submit.isPending}
            disabled={text.trim().length < 2}
          >
            {t('legislation.send')}
          </Button>
          <Button size="large" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Space>
    </form>
  );
}

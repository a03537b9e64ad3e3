import { Button, Card, Empty, List, Progress, Tag } from 'antd';
import {
  BulbOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { channelLabel, statusLabel } from './labels.ts';
import { useProjects, useReplies, useSuggestions, useTopics, type Project } from './suggestions.api.ts';
import './suggestions.css';

/** 我的建议 (residents, on a phone): open topic calls, my suggestions, collective replies, projects. */
export function ResidentSuggestionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useDateTimeFormat();
  const topics = useTopics();
  const mine = useSuggestions({ mine: true, limit: 50, offset: 0 });
  const replies = useReplies();
  const projects = useProjects();
  const open = (topics.data?.items ?? []).filter((x) => x.status === 'open');

  return (
    <div className="gz-resident">
      <Page
        title={t('suggestions.resident.title')}
        intro={t('suggestions.resident.intro')}
        actions={
          <Button
            type="primary"
            size="large"
            icon={<BulbOutlined aria-hidden />}
            onClick={() => void navigate('/suggest/new')}
          >
            {t('suggestions.resident.propose')}
          </Button>
        }
      >
        <section aria-labelledby="sg-topics">
          <h2 id="sg-topics">{t('suggestions.resident.openTopics')}</h2>
          <ErrorAlert error={topics.error} />
          {open.length === 0 ? (
            <Empty description={t('suggestions.resident.noTopics')} />
          ) : (
            <div className="gz-sg-cards">
              {open.map((topic) => (
                <Card key={topic.id} title={<h3 style={{ margin: 0, fontSize: 20 }}>{topic.subject}</h3>}>
                  <p>{topic.background}</p>
                  <p className="gz-sg-meta">
                    <ClockCircleOutlined aria-hidden />{' '}
                    {t('suggestions.resident.deadline', { date: format(topic.deadline) })}
                  </p>
                  <p className="gz-sg-meta">
                    {t('suggestions.resident.channels')}：
                    {topic.channels.map((c) => channelLabel(t, c)).join('、')}
                  </p>
                  <Button size="large" onClick={() => void navigate(`/suggest/new?topicId=${topic.id}`)}>
                    {t('suggestions.resident.proposeOnTopic')}
                  </Button>
                </Card>
              ))}
            </div>
          )}
        </section>

        <section aria-labelledby="sg-mine">
          <h2 id="sg-mine">{t('suggestions.resident.mine')}</h2>
          <ErrorAlert error={mine.error} />
          <List
            loading={mine.isLoading}
            locale={{ emptyText: t('suggestions.resident.noneYet') }}
            dataSource={mine.data?.items ?? []}
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/suggest/${s.id}`}>
                    {t('suggestions.resident.view')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={<Link to={`/suggest/${s.id}`}>{s.subject}</Link>}
                  description={
                    <span className="gz-sg-meta">
                      {format(s.createdAt)} · <Tag>{statusLabel(t, s.status)}</Tag>
                      {s.rating ? t('suggestions.resident.rated', { n: s.rating }) : null}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        </section>

        <section aria-labelledby="sg-replies">
          <h2 id="sg-replies">{t('suggestions.resident.replies')}</h2>
          <List
            loading={replies.isLoading}
            locale={{ emptyText: t('suggestions.resident.noReplies') }}
            dataSource={replies.data?.items ?? []}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={r.title}
                  description={
                    <>
                      <p>{r.body}</p>
                      <span className="gz-sg-meta">
                        {format(r.publishedAt)} ·{' '}
                        {t('suggestions.resident.covers', { n: r.suggestions.length })}
                      </span>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </section>

        <section aria-labelledby="sg-projects">
          <h2 id="sg-projects">{t('suggestions.resident.projects')}</h2>
          <ProjectCards />
          <ErrorAlert error={projects.error} />
        </section>
      </Page>
    </div>
  );
}

function MilestoneIcon({ state }: { state: Project['milestones'][number]['state'] }) {
  if (state === 'done') return <CheckCircleOutlined aria-hidden />;
  if (state === 'in_progress') return <ClockCircleOutlined aria-hidden />;
  return <MinusCircleOutlined aria-hidden />;
}

/** 金点子 → 金钥匙: projects with progress, milestones, and thanks to the proposers who agreed. */
export function ProjectCards() {
  const { t } = useTranslation();
  const projects = useProjects();
  const items = projects.data?.items ?? [];
  if (!projects.isLoading && items.length === 0)
    return <Empty description={t('suggestions.resident.noProjects')} />;
  return (
    <div className="gz-sg-cards">
      {items.map((p) => {
        const thanked = p.suggestions.map((s) => s.thanked).filter((x): x is string => x !== null);
        return (
          <Card key={p.id} title={<h3 style={{ margin: 0, fontSize: 20 }}>{p.name}</h3>}>
            <p>{p.summary}</p>
            <p className="gz-sg-meta">{t('suggestions.project.owner', { owner: p.owner })}</p>
            <Progress percent={p.progress} aria-label={t('suggestions.project.progress')} />
            <ul>
              {p.milestones.map((m) => (
                <li key={m.id}>
                  <MilestoneIcon state={m.state} /> {m.title}
                  {`（${t(`suggestions.project.milestoneState.${m.state}`)}）`}
                </li>
              ))}
            </ul>
            <p className="gz-sg-meta">{t('suggestions.project.from', { n: p.suggestions.length })}</p>
            {thanked.length > 0 ? (
              <p>{t('suggestions.project.thanks', { names: thanked.join('、') })}</p>
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}

import { useState } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined, ReadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { useLessons } from './antifraud.api.ts';
import { useLessonPlayer } from './player.ts';
import { useChineseVoice } from './voices.ts';
import './antifraud.css';

/** 反诈语音课 (residents): large text, big buttons; recordings or the script read aloud. */
export function MyLessonsPage() {
  const { t } = useTranslation();
  const lessons = useLessons();
  const { playing, play, stop } = useLessonPlayer();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [noVoice, setNoVoice] = useState(false);
  const voice = useChineseVoice();
  // without a Chinese voice a lesson without a recording cannot be heard: its text shows at once
  const silent = (l: { audio: unknown }) => !l.audio && voice === 'no';
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="gz-af-resident">
      <Page title={t('antifraud.mine.title')} intro={t('antifraud.mine.intro')}>
        <p className="gz-af-hotline">{t('antifraud.mine.hotline')}</p>
        <ErrorAlert
          error={lessons.error}
          title={t('errors.loadFailed')}
          onRetry={() => void lessons.refetch()}
        />
        {noVoice || lessons.data?.items.some(silent) ? (
          <Alert
            type="warning"
            showIcon
            className="gz-af-novoice"
            // large for older readers (antd's own title style would win over a stylesheet)
            styles={{
              title: { fontSize: 22, fontWeight: 600, lineHeight: 1.5 },
              description: { fontSize: 18, lineHeight: 1.7 },
            }}
            role="alert"
            message={t('antifraud.mine.noVoice')}
            description={t('antifraud.mine.noVoiceHelp')}
          />
        ) : null}
        {lessons.isPending ? (
          <Spin />
        ) : (lessons.data?.items.length ?? 0) === 0 ? (
          <Empty description={t('antifraud.mine.empty')} />
        ) : (
          lessons.data?.items.map((l) => {
            const isPlaying = playing === l.id;
            const textShown = open.has(l.id) || silent(l);
            const headingId = `af-lesson-${l.id}`;
            return (
              <section key={l.id} className="gz-af-lesson" aria-labelledby={headingId}>
                <h2 id={headingId}>{l.title}</h2>
                <div>
                  {t('antifraud.mine.minutes', { count: Math.max(1, Math.round(l.durationSeconds / 60)) })}
                </div>
                {isPlaying ? (
                  <div className="gz-af-playing" role="status">
                    {t('antifraud.mine.playing')}
                  </div>
                ) : null}
                <div className="gz-af-lesson-buttons">
                  {isPlaying ? (
                    <Button
                      size="large"
                      icon={<PauseCircleOutlined aria-hidden />}
                      onClick={stop}
                      aria-label={`${t('antifraud.mine.stop')} ${l.title}`}
                    >
                      {t('antifraud.mine.stop')}
                    </Button>
                  ) : (
                    <Button
                      type="primary"
                      size="large"
                      icon={<PlayCircleOutlined aria-hidden />}
                      onClick={() => {
                        if (!play(l)) {
                          setNoVoice(true);
                          setOpen((s) => new Set(s).add(l.id));
                        }
                      }}
                      aria-label={`${t('antifraud.mine.play')} ${l.title}`}
                    >
                      {t('antifraud.mine.play')}
                    </Button>
                  )}
                  <Button
                    size="large"
                    icon={<ReadOutlined aria-hidden />}
                    aria-expanded={textShown}
                    aria-controls={`${headingId}-text`}
                    onClick={() => toggle(l.id)}
                    hidden={silent(l)}
                  >
                    {textShown ? t('antifraud.mine.hideText') : t('antifraud.mine.showText')}
                  </Button>
                </div>
                {textShown ? (
                  <p id={`${headingId}-text`} className="gz-af-script">
                    {l.script}
                  </p>
                ) : null}
              </section>
            );
          })
        )}
      </Page>
    </div>
  );
}

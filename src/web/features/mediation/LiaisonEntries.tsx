import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LiaisonEntryKindsByOrg } from '../../../contract/mediation.ts';
import { useMe } from '../../app/session.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { streetTimeToIso } from '../../components/streetClock.ts';
import { FormModal } from './FormModal.tsx';
import { useLiaisonEntry, type Case } from './mediation.api.ts';

type Entry = Case['liaisonEntries'][number];
type Kind = Entry['kind'];

interface EntryForm {
  kind: Kind;
  at: string;
  note: string;
  result?: 'confirmed' | 'refused';
}

/**
 * The liaisons' own part of a case (派出所 处置情况, 司法所 司法确认, 律所 法律意见), and for a liaison
 * of the case the button to record its unit's entry.
 */
export function LiaisonEntries({ c }: { c: Case }) {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const mine = c.members.find((m) => m.userId === me.id && m.role === 'liaison' && m.org);
  if (c.liaisonEntries.length === 0 && !mine) return null;
  return (
    <Card
      title={<h2 className="gz-section-title">{t('mediation.liaison.title')}</h2>}
      extra={
        mine?.org ? (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('mediation.liaison.add', { org: t(`mediation.orgs.${mine.org}`) })}
          </Button>
        ) : null
      }
    >
      {c.liaisonEntries.length === 0 ? (
        <p className="gz-muted">{t('mediation.liaison.empty')}</p>
      ) : (
        <ul data-testid="liaison-entries">
          {c.liaisonEntries.map((e) => (
            <li key={e.id}>
              <strong>{t(`mediation.liaison.kinds.${e.kind}`)}</strong>{' '}
              {e.result ? (
                <Tag color={e.result === 'confirmed' ? 'green' : 'red'}>
                  {t(`mediation.liaison.results.${e.result}`)}
                </Tag>
              ) : null}
              {when(e.at)}：{e.note}
              <span className="gz-muted">
                {' '}
                · {t(`mediation.orgs.${e.org}`)} {e.by}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && mine?.org ? (
        <EntryModal c={c} kinds={LiaisonEntryKindsByOrg[mine.org]} onClose={() => setOpen(false)} />
      ) : null}
    </Card>
  );
}

function EntryModal({ c, kinds, onClose }: { c: Case; kinds: readonly Kind[]; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useLiaisonEntry(c.id);
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  return (
    <FormModal<EntryForm>
      title={t('mediation.liaison.title')}
      onClose={onClose}
      pending={add.isPending}
      error={add.error}
      initialValues={{ kind: kinds[0]! }}
      onFinish={(v) =>
        add.mutate(
          {
            kind: v.kind,
            at: streetTimeToIso(v.at),
            note: v.note,
            ...(v.kind === 'confirmation_result' ? { result: v.result } : {}),
          },
          { onSuccess: onClose },
        )
      }
    >
      <Form.Item name="kind" label={t('mediation.liaison.kind')} rules={[{ required: true }]}>
        <Radio.Group
          onChange={(e) => setKind(e.target.value as Kind)}
          options={kinds.map((k) => ({ value: k, label: t(`mediation.liaison.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="at" label={t('mediation.liaison.at')} rules={[{ required: true }]}>
        <Input type="datetime-local" />
      </Form.Item>
      {kind === 'confirmation_result' ? (
        <Form.Item name="result" label={t('mediation.liaison.result')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['confirmed', 'refused'] as const).map((r) => ({
              value: r,
              label: t(`mediation.liaison.results.${r}`),
            }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t('mediation.liaison.note')}
        rules={[{ required: true, min: 2, max: 4000 }]}
      >
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}

import { useState } from 'react';
import { AutoComplete, Form, Input, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PartyKinds, PartyRoles } from '../../../contract/mediation.ts';
import { HouseholdPicker } from '../council/HouseholdPicker.tsx';

export type PartyForm = {
  kind: (typeof PartyKinds)[number];
  householdId?: number | null;
  name: string;
  role: (typeof PartyRoles)[number];
  contact?: string;
  info?: string;
};

/** The request body of a party from its form values. */
export function partyBody(p: PartyForm) {
  return {
    kind: p.kind,
    name: p.name,
    role: p.role,
    ...(p.kind === 'household' && p.householdId ? { householdId: p.householdId } : {}),
    ...(p.contact?.trim() ? { contact: p.contact.trim() } : {}),
    ...(p.info?.trim() ? { info: p.info.trim() } : {}),
  };
}

/**
 * One party: a household of the street (picked by address or name; the name defaults to the head and
 * offers the members) or an outsider; the role; a contact phone (stored encrypted); particulars.
 * `path` is the name prefix inside the form (inside a Form.List: the field's name), `absolute` the
 * full path, `index` numbers the labels.
 */
export function PartyFields({
  path,
  absolute,
  index,
  known,
  contactHelp,
}: {
  path: Array<string | number>;
  absolute: Array<string | number>;
  index?: number;
  known?: { id: number; label: string };
  contactHelp?: string;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = (Form.useWatch([...absolute, 'kind'], form) as PartyForm['kind'] | undefined) ?? 'household';
  const [names, setNames] = useState<string[]>([]);
  const n = index === undefined ? '' : ` ${index}`;
  return (
    <div>
      <Space wrap align="baseline">
        <Form.Item name={[...path, 'kind']} label={`${t('mediation.partyKind')}${n}`}>
          <Radio.Group
            optionType="button"
            options={PartyKinds.map((k) => ({ value: k, label: t(`mediation.partyKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name={[...path, 'role']} label={`${t('mediation.partyRole')}${n}`}>
          <Select
            style={{ width: 120 }}
            options={PartyRoles.map((x) => ({ value: x, label: t(`mediation.roles.${x}`) }))}
          />
        </Form.Item>
      </Space>
      {kind === 'household' ? (
        <Form.Item
          name={[...path, 'householdId']}
          label={`${t('mediation.household')}${n}`}
          rules={[{ required: true, message: t('mediation.householdRequired') }]}
        >
          <HouseholdPicker
            endpoint="/mediation/households"
            known={known ? [known] : []}
            onPick={(h) => {
              setNames(h ? [h.headName, ...h.memberNames] : []);
              if (h) form.setFieldValue([...absolute, 'name'], h.headName);
            }}
          />
        </Form.Item>
      ) : null}
      <Space wrap align="baseline">
        <Form.Item
          name={[...path, 'name']}
          label={`${t('mediation.partyName')}${n}`}
          rules={[{ required: true, whitespace: true }]}
        >
          {kind === 'household' && names.length > 0 ? (
            <AutoComplete style={{ width: 180 }} options={names.map((v) => ({ value: v }))} />
          ) : (
            <Input style={{ width: 220 }} />
          )}
        </Form.Item>
        <Form.Item
          name={[...path, 'contact']}
          label={`${t('mediation.contact')}${n}`}
          extra={contactHelp}
          rules={[{ pattern: /^[\d\s+()（）-]{7,20}$/, message: t('mediation.contactInvalid') }]}
        >
          <Input style={{ width: 180 }} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Space>
      <Form.Item
        name={[...path, 'info']}
        label={`${t('mediation.info')}${n}`}
        extra={t('mediation.infoHelp')}
      >
        <Input />
      </Form.Item>
    </div>
  );
}

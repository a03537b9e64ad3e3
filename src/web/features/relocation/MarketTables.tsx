import { type ReactNode } from 'react';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormButton } from './ModalForm.tsx';
import { PackageForm } from './PackageForm.tsx';
import { type Consultation, type Package } from './relocation.api.ts';

export function PackageTable({
  packages,
  loading,
  editable,
}: {
  packages: Package[];
  loading: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<Package>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={packages}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
        { title: t('relocation.col.package'), dataIndex: 'name' },
        { title: t('relocation.col.contents'), dataIndex: 'contents' },
        { title: t('relocation.col.price'), dataIndex: 'price' },
        {
          title: t('relocation.col.status'),
          render: (_, p) =>
            p.active ? (
              <Tag color="green">{t('relocation.form.onOffer')}</Tag>
            ) : (
              <Tag>{t('relocation.form.offOffer')}</Tag>
            ),
        },
        ...(editable
          ? [
              {
                title: t('relocation.col.actions'),
                render: (_: unknown, p: Package) => (
                  <FormButton
                    edit
                    label={`${t('relocation.form.editPackage')} ${p.name}`}
                    render={(close) => <PackageForm pkg={p} chooseVendor={false} onClose={close} />}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function ConsultationTable({
  consultations,
  loading,
  extra,
}: {
  consultations: Consultation[];
  loading: boolean;
  extra?: (c: Consultation) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<Consultation>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={consultations}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
        { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
        { title: t('relocation.col.package'), dataIndex: 'packageName' },
        { title: t('relocation.col.quote'), dataIndex: 'quoteAmount' },
        { title: t('relocation.vendor.contractNo'), dataIndex: 'contractNo' },
        {
          title: t('relocation.col.status'),
          render: (_, c) => <Tag>{t(`relocation.consultationStatus.${c.status}`)}</Tag>,
        },
        { title: t('relocation.col.rating'), dataIndex: 'rating' },
        { title: t('relocation.staff2.complaint'), dataIndex: 'complaint' },
        ...(extra
          ? [{ title: t('relocation.col.actions'), render: (_: unknown, c: Consultation) => extra(c) }]
          : []),
      ]}
    />
  );
}

import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormButton } from './ModalForm.tsx';
import { MarketDayForm } from './MarketDayForm.tsx';
import { PackageForm } from './PackageForm.tsx';
import { VendorForm } from './VendorForm.tsx';
import {
  useConsultations,
  useMarketDays,
  usePackages,
  useVendors,
  type MarketDay,
  type Vendor,
} from './relocation.api.ts';
import { SectionHead } from './SectionHead.tsx';
import { ConsultationTable, PackageTable } from './MarketTables.tsx';

export function MarketTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const vendors = useVendors();
  const packages = usePackages();
  const days = useMarketDays();
  const consultations = useConsultations();
  return (
    <>
      <ErrorAlert error={vendors.error ?? packages.error ?? consultations.error ?? days.error} />
      <SectionHead
        title={t('relocation.staff2.vendors')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addVendor')}
              render={(close) => <VendorForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Vendor>
        rowKey="id"
        size="middle"
        loading={vendors.isPending}
        dataSource={vendors.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.form.vendorName'), dataIndex: 'name' },
          {
            title: t('relocation.form.kind'),
            render: (_, v) =>
              t(v.kind === 'agency' ? 'relocation.form.kindAgency' : 'relocation.form.kindDecoration'),
          },
          { title: t('relocation.form.contact'), dataIndex: 'contact' },
          { title: t('relocation.staff2.packages'), dataIndex: 'packages' },
          { title: t('relocation.col.rating'), render: (_, v) => v.rating ?? '' },
          {
            title: t('relocation.staff2.complaint'),
            render: (_, v) => (v.complaints > 0 ? <Tag color="red">{v.complaints}</Tag> : 0),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, v: Vendor) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editVendor')} ${v.name}`}
                      render={(close) => <VendorForm vendor={v} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead
        title={t('relocation.staff2.packages')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addPackage')}
              render={(close) => <PackageForm chooseVendor onClose={close} />}
            />
          ) : null
        }
      />
      <PackageTable packages={packages.data?.items ?? []} loading={packages.isPending} editable={manage} />
      <SectionHead
        title={t('relocation.staff2.marketDays')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addMarketDay')}
              render={(close) => <MarketDayForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<MarketDay>
        rowKey="id"
        size="middle"
        loading={days.isPending}
        dataSource={days.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('relocation.form.onDate'), dataIndex: 'onDate' },
          { title: t('relocation.form.marketTitle'), dataIndex: 'title' },
          { title: t('relocation.form.place'), dataIndex: 'place' },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, d: MarketDay) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editMarketDay')} ${d.onDate}`}
                      render={(close) => <MarketDayForm day={d} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead title={t('relocation.staff2.consultations')} />
      <ConsultationTable consultations={consultations.data?.items ?? []} loading={consultations.isPending} />
    </>
  );
}

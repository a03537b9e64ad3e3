import { Button, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { storagePhotoUrl, useUploadStoragePhoto, type Storage } from './relocation.api.ts';
import './relocation.css';

export function StoragePhotos({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  if (storage.photoFileIds.length === 0) return null;
  return (
    <div className="gz-rl-photos">
      {storage.photoFileIds.map((f, i) => (
        <a key={f} href={storagePhotoUrl(storage.id, f)} target="_blank" rel="noreferrer">
          <img
            src={storagePhotoUrl(storage.id, f)}
            alt={`${t('relocation.staff2.photos')} ${i + 1} ${storage.householdLabel}`}
            loading="lazy"
          />
        </a>
      ))}
    </div>
  );
}

export function PhotoUpload({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  const upload = useUploadStoragePhoto();
  return (
    <>
      <Upload
        accept="image/jpeg,image/png,image/webp"
        showUploadList={false}
        multiple
        beforeUpload={(file) => {
          upload.mutate({ id: storage.id, file });
          return false;
        }}
      >
        <Button
          icon={<CameraOutlined />}
          loading={upload.isPending}
          aria-label={`${t('relocation.staff2.addPhoto')} ${storage.householdLabel}`}
          title={t('relocation.staff2.photoHint')}
        >
          {t('relocation.staff2.addPhoto')}
        </Button>
      </Upload>
      <ErrorAlert error={upload.error} />
    </>
  );
}

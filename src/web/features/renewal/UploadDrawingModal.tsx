import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { uploadForm } from '../households/transfer.ts';
import { useAfterUpload, type DrawingSet } from './renewal.api.ts';
import './renewal.css';

export function UploadDrawingModal({
  householdId,
  openRequests,
  onClose,
}: {
  householdId: number;
  openRequests: DrawingSet['changeRequests'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const afterUpload = useAfterUpload();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [comment, setComment] = useState('');
  const [changeRequestId, setChangeRequestId] = useState<number | undefined>(undefined);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setError(null);
      void message.warning(t('renewal.drawings.pickFile'));
      return;
    }
    const body = new FormData();
    if (comment.trim()) body.append('comment', comment.trim());
    if (changeRequestId !== undefined) body.append('changeRequestId', String(changeRequestId));
    body.append('file', file, file.name);
    setPercent(0);
    try {
      await uploadForm<DrawingSet>(`/households/${householdId}/drawings`, body, setPercent, () => {}).promise;
      await afterUpload();
      void message.success(t('renewal.drawings.uploaded'));
      onClose();
    } catch (e) {
      setError(e);
      setPercent(null);
    }
  };
  return (
    <Modal
      open
      title={t('renewal.drawings.upload')}
      okText={t('renewal.drawings.upload')}
      cancelText={t('common.cancel')}
      confirmLoading={percent !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} className="gz-rn-stack">
        <Upload
          accept=".pdf,.png,.jpg,.jpeg,.dwg"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(-1))}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('renewal.drawings.uploadFile')}</Button>
        </Upload>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('renewal.drawings.comment')}
          aria-label={t('renewal.drawings.comment')}
        />
        {openRequests.length > 0 ? (
          <Select
            allowClear
            value={changeRequestId}
            onChange={setChangeRequestId}
            placeholder={t('renewal.drawings.changeRequest')}
            aria-label={t('renewal.drawings.changeRequest')}
            options={openRequests.map((c) => ({ value: c.id, label: c.content }))}
          />
        ) : null}
        {percent !== null ? <span>{percent}%</span> : null}
        <ErrorAlert error={error} />
      </Space>
    </Modal>
  );
}

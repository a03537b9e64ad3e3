import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** A modal holding one form of the case page; OK submits it, errors show above the fields. */
export function FormModal<T extends object>({
  title,
  onClose,
  onFinish,
  pending,
  error,
  initialValues,
  children,
}: {
  title: string;
  onClose: () => void;
  onFinish: (v: T) => void;
  pending: boolean;
  error: unknown;
  initialValues?: Partial<T>;
  children: ReactNode;
}) {
  const [form] = Form.useForm<T>();
  return (
    <Modal
      open
      width={640}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

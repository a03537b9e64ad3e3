import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../api/client.ts';
import { describeError, shortReference } from './errorMessage.ts';
import { leafName } from './formErrors.ts';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  /**
   * Field errors still to list. Defaults to all of the error's field errors; forms pass only
   * those they could not show next to a field.
   */
  fieldErrors?: FieldError[];
  /** Human names for field paths, so the list reads "密码: …" rather than "password: …". */
  fieldLabels?: Record<string, string>;
  onRetry?: () => void;
}

/** Shows an API or network error as text (never colour alone), with validation details as a list. */
export function ErrorAlert({ error, title, fieldErrors, fieldLabels, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const listed = fieldErrors ?? (isApiError(error) ? error.fieldErrors : []);
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert
      className="gz-error-alert"
      type="error"
      showIcon
      title={title ?? t('errors.title')}
      description={
        <>
          <p className="gz-error-message">{describeError(t, error)}</p>
          {listed.length > 0 ? (
            <>
              <p className="gz-error-message">{t('errors.validationList')}</p>
              <ul className="gz-error-list">
                {listed.map((field) => (
                  <li key={`${field.path}:${field.message}`}>
                    {fieldLabels?.[field.path] ?? fieldLabels?.[leafName(field.path)] ?? field.path}:{' '}
                    {field.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {requestId ? (
            <p className="gz-error-request">{t('errors.reference', { ref: shortReference(requestId) })}</p>
          ) : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Segmented, Space } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { LayoutsCard } from '../renewal/EstateRenewalPage.tsx';
import {
  useBuildings,
  useCreateBuilding,
  useEstate,
  useSaveSitePlan,
  type Building,
} from './households.api.ts';
import { area, moveCorner, place, rectangle, shift, type Plan, type Pt } from './sitePlanGeometry.ts';
import './households.css';
import { NumberInput } from '../../components/NumberInput.tsx';

const GRID = 10;
type Tool = 'select' | 'rect' | 'polygon';
/** What the pointer is doing: drawing a rectangle, moving an outline, or dragging one corner. */
type Drag =
  | { kind: 'rect'; from: Pt; to: Pt }
  | { kind: 'move'; id: number; from: Pt; start: Pt[] }
  | { kind: 'corner'; id: number; index: number };

/** 总平面图: staff draw each building's outline on the estate's site plan; the battle map draws them. */
export function SitePlanPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const estate = useEstate(id);
  const buildings = useBuildings(id);
  if (estate.isPending || buildings.isPending) return <FullPageSpin />;
  if (!estate.data || !buildings.data)
    return <ErrorAlert error={estate.error ?? buildings.error} title={t('errors.loadFailed')} />;
  return (
    <Page
      title={t('households.sitePlan.title', { name: estate.data.name })}
      intro={t('households.sitePlan.intro')}
      actions={<ButtonLink to={`/estates/${id}/map`}>{t('households.estates.map')}</ButtonLink>}
    >
      <Editor
        estateId={id}
        name={estate.data.name}
        plan={estate.data.sitePlan}
        buildings={buildings.data.items}
      />
      <p className="gz-hh-meta">{t('households.sitePlan.layoutsHint')}</p>
      <LayoutsCard estateId={id} />
    </Page>
  );
}

function Editor({
  estateId,
  name,
  plan,
  buildings,
}: {
  estateId: number;
  name: string;
  plan: Plan;
  buildings: Building[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveSitePlan(estateId);
  const saved = useMemo(() => new Map(buildings.map((b) => [b.id, b.outline])), [buildings]);
  const [outlines, setOutlines] = useState<Map<number, Pt[] | null>>(saved);
  const [selected, setSelected] = useState<number | null>(buildings[0]?.id ?? null);
  const [tool, setTool] = useState<Tool>('select');
  const [snap, setSnap] = useState(true);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [points, setPoints] = useState<Pt[]>([]);
  const svg = useRef<SVGSVGElement>(null);
  const grid = snap ? GRID : null;

  // Buildings added meanwhile join the drawing; drawn outlines are kept.
  useEffect(() => {
    setOutlines((current) => {
      const next = new Map(current);
      for (const [bid, outline] of saved) if (!next.has(bid)) next.set(bid, outline);
      return next;
    });
  }, [saved]);

  const changed = buildings.filter(
    (b) => JSON.stringify(outlines.get(b.id)) !== JSON.stringify(saved.get(b.id)),
  );
  const current = buildings.find((b) => b.id === selected) ?? null;
  const setOutline = (bid: number, outline: Pt[] | null) => setOutlines((m) => new Map(m).set(bid, outline));

  const at = (event: PointerEvent): Pt => {
    const matrix = svg.current!.getScreenCTM()!.inverse();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return place([p.x, p.y], plan, grid);
  };

  const onDown = (event: PointerEvent<SVGSVGElement>) => {
    if (!current) return;
    const p = at(event);
    if (tool === 'rect') {
      svg.current!.setPointerCapture(event.pointerId);
      setDrag({ kind: 'rect', from: p, to: p });
    } else if (tool === 'polygon') {
      const first = points[0];
      const closes =
        first && points.length >= 3 && Math.hypot(first[0] - p[0], first[1] - p[1]) <= GRID * 1.5;
      if (closes) finishPolygon();
      else setPoints((ps) => [...ps, p]);
    }
  };

  const startMove = (event: PointerEvent, b: Building) => {
    if (tool !== 'select') return;
    event.stopPropagation();
    setSelected(b.id);
    svg.current!.setPointerCapture(event.pointerId);
    setDrag({ kind: 'move', id: b.id, from: at(event), start: outlines.get(b.id)! });
  };

  const startCorner = (event: PointerEvent, index: number) => {
    if (tool !== 'select' || !current) return;
    event.stopPropagation();
    svg.current!.setPointerCapture(event.pointerId);
    setDrag({ kind: 'corner', id: current.id, index });
  };

  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = at(event);
    if (drag.kind === 'rect') setDrag({ ...drag, to: p });
    else if (drag.kind === 'move')
      setOutline(drag.id, shift(drag.start, p[0] - drag.from[0], p[1] - drag.from[1], plan));
    else setOutline(drag.id, moveCorner(outlines.get(drag.id)!, drag.index, p));
  };

  const onUp = () => {
    if (drag?.kind === 'rect' && current) {
      const r = rectangle(drag.from, drag.to);
      if (area(r) > 0) {
        setOutline(current.id, r);
        setTool('select');
      }
    }
    setDrag(null);
  };

  function finishPolygon() {
    if (!current || points.length < 3 || area(points) === 0) return;
    setOutline(current.id, points);
    setPoints([]);
    setTool('select');
  }

  // Arrow keys nudge the selected outline: the editor works without a pointer too.
  const onKey = (event: KeyboardEvent<SVGSVGElement>) => {
    const steps: Record<string, Pt> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const step = steps[event.key];
    const outline = current ? outlines.get(current.id) : null;
    if (event.key === 'Escape') {
      setPoints([]);
      setDrag(null);
      return;
    }
    if (!step || !outline || !current) return;
    event.preventDefault();
    const n = (event.shiftKey ? 10 : 1) * (grid ?? 1);
    setOutline(current.id, shift(outline, step[0] * n, step[1] * n, plan));
  };

  const submit = () =>
    save.mutate(
      { buildings: changed.map((b) => ({ id: b.id, outline: outlines.get(b.id) ?? null })) },
      { onSuccess: () => void message.success(t('households.sitePlan.saved')) },
    );

  const drawn = buildings.filter((b) => outlines.get(b.id)).length;
  const number = current?.number ?? '';
  const hint = !current
    ? t('households.sitePlan.pickBuilding')
    : tool === 'rect'
      ? t('households.sitePlan.hintRect', { number })
      : tool === 'polygon'
        ? t('households.sitePlan.hintPolygon', { number })
        : t('households.sitePlan.hintSelect');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <BuildingList
          estateId={estateId}
          buildings={buildings}
          outlines={outlines}
          selected={selected}
          onSelect={(bid) => {
            setSelected(bid);
            setPoints([]);
          }}
        />
      </Col>
      <Col xs={24} lg={18}>
        <Card>
          <Space wrap className="gz-hh-plan-tools">
            <Segmented<Tool>
              aria-label={t('households.sitePlan.tool')}
              value={tool}
              onChange={(v) => {
                setTool(v);
                setPoints([]);
              }}
              options={[
                { value: 'select', label: t('households.sitePlan.select') },
                { value: 'rect', label: t('households.sitePlan.rect') },
                { value: 'polygon', label: t('households.sitePlan.polygon') },
              ]}
            />
            {tool === 'polygon' ? (
              <Button onClick={finishPolygon} disabled={points.length < 3}>
                {t('households.sitePlan.finish')}
              </Button>
            ) : null}
            <Button
              onClick={() => current && setOutline(current.id, null)}
              disabled={!current || !outlines.get(current.id)}
            >
              {t('households.sitePlan.clear')}
            </Button>
            <Checkbox checked={snap} onChange={(e) => setSnap(e.target.checked)}>
              {t('households.sitePlan.snap', { n: GRID })}
            </Checkbox>
            <Button type="primary" onClick={submit} loading={save.isPending} disabled={changed.length === 0}>
              {t('households.sitePlan.save')}
            </Button>
          </Space>
          <p className="gz-hh-plan-hint" aria-live="polite">
            {changed.length > 0 ? `${t('households.sitePlan.unsaved')} · ` : ''}
            {hint}
          </p>
          <ErrorAlert error={save.error} />
          <svg
            ref={svg}
            className={`gz-hh-plan gz-hh-plan-editor gz-hh-plan-${tool}`}
            viewBox={`0 0 ${plan.width} ${plan.height}`}
            role="group"
            tabIndex={0}
            aria-label={t('households.sitePlan.canvas', { name, drawn, total: buildings.length })}
            data-testid="site-plan-editor"
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onKeyDown={onKey}
          >
            <defs>
              <pattern id="gz-plan-grid" width={GRID * 5} height={GRID * 5} patternUnits="userSpaceOnUse">
                <path d={`M ${GRID * 5} 0 L 0 0 0 ${GRID * 5}`} className="gz-hh-plan-gridline" />
              </pattern>
            </defs>
            <rect width={plan.width} height={plan.height} className="gz-hh-plan-ground" />
            <rect width={plan.width} height={plan.height} fill="url(#gz-plan-grid)" />
            {buildings.map((b) => {
              const outline = outlines.get(b.id);
              if (!outline) return null;
              const mine = b.id === selected;
              const [cx, cy] = [
                outline.reduce((s, p) => s + p[0], 0) / outline.length,
                outline.reduce((s, p) => s + p[1], 0) / outline.length,
              ];
              return (
                <g key={b.id} data-building={b.number}>
                  <polygon
                    points={outline.map((p) => p.join(',')).join(' ')}
                    className={mine ? 'gz-hh-plan-shape gz-hh-plan-shape-selected' : 'gz-hh-plan-shape'}
                    onPointerDown={(e) => startMove(e, b)}
                  />
                  <text x={cx} y={cy + 5} textAnchor="middle" className="gz-hh-plan-label">
                    {b.number}
                  </text>
                  {mine && tool === 'select'
                    ? outline.map(([x, y], i) => (
                        <circle
                          key={i}
                          cx={x}
                          cy={y}
                          r={7}
                          className="gz-hh-plan-corner"
                          data-corner={i}
                          onPointerDown={(e) => startCorner(e, i)}
                        />
                      ))
                    : null}
                </g>
              );
            })}
            {drag?.kind === 'rect' ? (
              <polygon
                points={rectangle(drag.from, drag.to)
                  .map((p) => p.join(','))
                  .join(' ')}
                className="gz-hh-plan-draft"
              />
            ) : null}
            {points.length > 0 ? (
              <polyline points={points.map((p) => p.join(',')).join(' ')} className="gz-hh-plan-draft" />
            ) : null}
          </svg>
        </Card>
      </Col>
    </Row>
  );
}

function BuildingList({
  estateId,
  buildings,
  outlines,
  selected,
  onSelect,
}: {
  estateId: number;
  buildings: Building[];
  outlines: Map<number, Pt[] | null>;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateBuilding(estateId);
  const [form] = Form.useForm<{ number: string; floors?: number }>();
  return (
    <Card title={<h2 className="gz-section-title">{t('households.sitePlan.buildings')}</h2>}>
      <ul className="gz-hh-plan-buildings" aria-label={t('households.sitePlan.buildings')}>
        {buildings.map((b) => (
          <li key={b.id}>
            <Button
              block
              type={b.id === selected ? 'primary' : 'default'}
              aria-pressed={b.id === selected}
              onClick={() => onSelect(b.id)}
            >
              {b.number} ·{' '}
              {outlines.get(b.id) ? t('households.sitePlan.drawn') : t('households.sitePlan.notDrawn')}
            </Button>
          </li>
        ))}
      </ul>
      <Form
        form={form}
        layout="vertical"
        name="add-building"
        onFinish={(v) =>
          create.mutate(
            { number: v.number.trim(), ...(v.floors ? { floors: v.floors } : {}) },
            {
              onSuccess: (b) => {
                form.resetFields();
                onSelect(b.id);
              },
            },
          )
        }
      >
        <Form.Item
          name="number"
          label={t('households.sitePlan.number')}
          rules={[{ required: true, whitespace: true, message: t('households.sitePlan.numberRequired') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="floors" label={t('households.sitePlan.floors')}>
          <NumberInput min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
        <ErrorAlert error={create.error} />
        <Button htmlType="submit" loading={create.isPending}>
          {t('households.sitePlan.addBuilding')}
        </Button>
      </Form>
    </Card>
  );
}

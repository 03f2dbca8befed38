package dev.basin.serve;

/** The dashboard's inline CSS and script: no file, font or library is fetched from anywhere. */
final class Assets {
    private Assets() {}

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:1.5rem;
              color:#1a1a1a;background:#fff;font-size:15px;line-height:1.4}
            h1{font-size:1.5rem;margin:0 0 .5rem} h2{font-size:1.2rem;margin:1.5rem 0 .5rem} h3{font-size:1.05rem}
            table{border-collapse:collapse;margin:.5rem 0} th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;
              text-align:left;vertical-align:top} th{background:#f4f4f4}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .state{font-weight:600}
            [data-state=done] .state,[data-state=completed] .state{color:#009E73}
            [data-state=reused] .state{color:#0072B2}
            [data-state=running] .state,[data-state=training] .state{color:#E69F00}
            [data-state=failed] .state{color:#D55E00} [data-state=cancelled] .state{color:#CC79A7}
            [data-state=pending] .state{color:#666}
            progress{width:12rem}
            .after{color:#555;font-size:.9em}
            .figure{border:1px solid #ddd;padding:.75rem;margin:1rem 0;max-width:980px}
            .figure svg{max-width:100%;height:auto}
            .figure .pending,.figure .empty{color:#666;font-style:italic;padding:1rem 0}
            pre.sql{background:#f7f7f7;padding:.5rem;overflow-x:auto;font-size:.85em;white-space:pre-wrap}
            .placeholder{color:#666;font-style:italic}
            .figure h4{margin:0 0 .5rem;font-size:1rem}
            .figure .status{font-size:.75em;font-weight:normal;color:#555;border:1px solid #bbb;border-radius:3px;
              padding:0 .3em;margin-left:.4em}
            a{color:#0072B2} .muted{color:#666}
            """;

    /**
     * The study page's script: follows {@code /study/NAME/events} and updates the members' rows, the stages' states
     * and, when a stage finishes, the figures. It builds new rows with text nodes only, never from HTML strings.
     */
    static final String SCRIPT = """
            (function(){
              var root=document.getElementById('dashboard'); if(!root||!window.EventSource){return;}
              var base=root.getAttribute('data-base'); var finished=null;
              var es=new EventSource(base+'/events');
              function count(name){var n=+(root.getAttribute(name)||0)+1;root.setAttribute(name,String(n));}
              function cell(row,cls){var c=row.querySelector('.'+cls);
                if(!c){c=document.createElement('td');c.className=cls;row.appendChild(c);}return c;}
              function fixed(v,d){return v===null||v===undefined?'':Number(v).toFixed(d);}
              function member(m){
                var body=document.getElementById('members');
                var row=body.querySelector('tr[data-member="'+m.member+'"]');
                if(!row){row=document.createElement('tr');row.className='member';row.setAttribute('data-member',String(m.member));
                  ['id','state','epoch','step num','loss num','ips num','bar'].forEach(function(c){cell(row,c);});
                  cell(row,'id').textContent=String(m.member);
                  cell(row,'bar').appendChild(document.createElement('progress'));body.appendChild(row);
                  var none=document.getElementById('no-members'); if(none){none.remove();}}
                row.setAttribute('data-state',m.state);row.setAttribute('data-epoch',String(m.epoch));
                row.setAttribute('data-epochs',String(m.epochs));row.setAttribute('data-step',String(m.step));
                row.setAttribute('data-loss',m.loss===null?'':String(m.loss));
                row.querySelector('.state').textContent=m.state;
                var shown=m.state==='done'?m.epochs:Math.min(m.epoch+1,m.epochs);
                row.querySelector('.epoch').textContent=shown+'/'+m.epochs;
                row.querySelector('.step').textContent=String(m.step);
                row.querySelector('.loss').textContent=fixed(m.loss,4);
                row.querySelector('.ips').textContent=fixed(m.imagesPerSec,0);
                var bar=row.querySelector('progress'); var max=Math.max(1,m.epochs*m.stepsPerEpoch);
                bar.max=max; bar.value=m.state==='done'?max:Math.min(m.step,max);
              }
              function stage(s){
                var body=document.getElementById('stages');
                var row=null; var rows=body.querySelectorAll('tr.stage');
                for(var i=0;i<rows.length;i++){if(rows[i].getAttribute('data-stage')===s.stage){row=rows[i];break;}}
                if(!row){row=document.createElement('tr');row.className='stage';row.setAttribute('data-stage',s.stage);
                  ['name','state','activity','depth num','after'].forEach(function(c){cell(row,c);});
                  row.querySelector('.name').textContent=s.stage;row.querySelector('.activity').textContent=s.activity;
                  row.querySelector('.depth').textContent=String(s.depth);
                  row.querySelector('.after').textContent=s.parents.join(', ');body.appendChild(row);}
                row.setAttribute('data-state',s.state);row.querySelector('.state').textContent=s.state;
              }
              function reload(part,counter){
                fetch(base+'/'+part,{credentials:'same-origin'}).then(function(r){return r.ok?r.text():null;})
                  .then(function(html){if(html!==null){document.getElementById(part).innerHTML=html;count(counter);}})
                  .catch(function(){});
              }
              function figures(){reload('figures','data-figure-reloads');reload('predictions','data-prediction-reloads');}
              es.addEventListener('progress',function(e){JSON.parse(e.data).members.forEach(member);count('data-progress-events');});
              es.addEventListener('stages',function(e){var d=JSON.parse(e.data);d.stages.forEach(stage);
                document.getElementById('done').textContent=String(d.done);
                document.getElementById('total').textContent=String(d.total);
                var st=document.getElementById('status');st.textContent=d.status;st.parentNode.setAttribute('data-state',d.status);
                if(finished!==null&&d.done!==finished){figures();}
                finished=d.done;count('data-stages-events');});
              es.addEventListener('problem',function(e){document.getElementById('problem').textContent=JSON.parse(e.data).message;});
              es.onopen=function(){root.setAttribute('data-connected','true');document.getElementById('problem').textContent='';};
              es.onerror=function(){root.setAttribute('data-connected','false');};
            })();
            """;
}

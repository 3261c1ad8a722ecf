//! A Dialogmelding 1.1 "notat" inside a Hodemelding (MsgHead 1.2), with a PDF attached
//! in a `Base64Container`: how a letter reaches a GP's record system over the health
//! network (`../shared/docs/domain.md` §6.5). Sender, receiver and patient are named as
//! the Hodemelding asks: organisations by HER-id (code system 9051), the patient by
//! national identity number (8116). The structure follows the published schemas
//! (MsgHead-v1_2.xsd, dialogmelding-v1.1.xsd, kith-base64.xsd); see decision 0034.

use std::io;

use base64::Engine;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// The Hodemelding's namespace (MsgHead v1.2).
pub const MSGHEAD_NS: &str = "http://www.kith.no/xmlstds/msghead/2006-05-24";
/// Dialogmelding 1.1's namespace.
pub const DIALOG_NS: &str = "http://www.kith.no/xmlstds/dialog/2013-01-23";
/// The attachment container's namespace.
pub const BASE64_NS: &str = "http://www.kith.no/xmlstds/base64container";
/// The code system of identifier kinds for organisations (HER, ENH).
const ORG_ID_KINDS: &str = "2.16.578.1.12.4.1.1.9051";
/// The code system of identifier kinds for persons (FNR, DNR, HPR).
const PERSON_ID_KINDS: &str = "2.16.578.1.12.4.1.1.8116";

/// An organisation by name and HER-id, with the person who acts for it, if named.
#[derive(Debug, Clone)]
pub struct Party {
    pub organisation: String,
    pub her_id: String,
    /// A named health professional: family name, given name, HPR number if known.
    pub person: Option<Professional>,
}

#[derive(Debug, Clone)]
pub struct Professional {
    pub family: String,
    pub given: String,
    pub hpr: Option<String>,
}

/// The patient the message is about. Its `Debug` names nothing.
#[derive(Clone)]
pub struct Patient {
    pub family: String,
    pub given: String,
    /// The national identity number, and whether it is a D-number.
    pub nin: String,
    pub d_number: bool,
}

impl std::fmt::Debug for Patient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Patient(..)")
    }
}

/// A note to a GP with a PDF.
#[derive(Debug, Clone)]
pub struct Note<'a> {
    /// The message's id (a UUID), kept so a resent letter is recognised.
    pub message_id: &'a str,
    /// When the message was made, local time (`2026-12-05T10:15:00`).
    pub generated: chrono::NaiveDateTime,
    pub sender: &'a Party,
    pub receiver: &'a Party,
    pub patient: &'a Patient,
    /// The note's subject (`Tema`).
    pub subject: &'a str,
    /// The note's text (`TekstNotatInnhold`).
    pub text: &'a str,
    /// The attached PDF and a description of it.
    pub pdf: &'a [u8],
    pub pdf_description: &'a str,
}

/// The Hodemelding as UTF-8 XML.
pub fn build(note: &Note<'_>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write(&mut w, note);
    w.into_inner()
}

fn write(w: &mut Writer<Vec<u8>>, note: &Note<'_>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let issued = note.generated.date().format("%Y-%m-%d").to_string();
    w.create_element("MsgHead")
        .with_attribute(("xmlns", MSGHEAD_NS))
        .write_inner_content(|w| {
            w.create_element("MsgInfo").write_inner_content(|w| {
                cs(w, "Type", "DIALOG_NOTAT", "Notat")?;
                text(w, "MIGversion", "v1.2 2006-05-24")?;
                text(
                    w,
                    "GenDate",
                    &note.generated.format("%Y-%m-%dT%H:%M:%S").to_string(),
                )?;
                text(w, "MsgId", note.message_id)?;
                w.create_element("Sender")
                    .write_inner_content(|w| party(w, note.sender))?;
                w.create_element("Receiver")
                    .write_inner_content(|w| party(w, note.receiver))?;
                w.create_element("Patient").write_inner_content(|w| {
                    text(w, "FamilyName", &note.patient.family)?;
                    text(w, "GivenName", &note.patient.given)?;
                    let (kind, label) = if note.patient.d_number {
                        ("DNR", "D-nummer")
                    } else {
                        ("FNR", "Fødselsnummer")
                    };
                    ident(w, &note.patient.nin, kind, label, PERSON_ID_KINDS)
                })?;
                Ok(())
            })?;
            w.create_element("Document").write_inner_content(|w| {
                cs(w, "DocumentConnection", "H", "Hoveddokument")?;
                w.create_element("RefDoc").write_inner_content(|w| {
                    w.create_element("IssueDate")
                        .with_attribute(("V", issued.as_str()))
                        .write_empty()?;
                    cs(w, "MsgType", "XML", "XML-instans")?;
                    w.create_element("Content").write_inner_content(|w| {
                        w.create_element("Dialogmelding")
                            .with_attribute(("xmlns", DIALOG_NS))
                            .write_inner_content(|w| {
                                w.create_element("Notat").write_inner_content(|w| {
                                    text(w, "Tema", note.subject)?;
                                    text(w, "TekstNotatInnhold", note.text)?;
                                    text(w, "DokIdNotat", note.message_id)?;
                                    w.create_element("DatoNotat")
                                        .with_attribute(("V", issued.as_str()))
                                        .write_empty()?;
                                    Ok(())
                                })?;
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
            w.create_element("Document").write_inner_content(|w| {
                cs(w, "DocumentConnection", "V", "Vedlegg")?;
                w.create_element("RefDoc").write_inner_content(|w| {
                    w.create_element("IssueDate")
                        .with_attribute(("V", issued.as_str()))
                        .write_empty()?;
                    cs(w, "MsgType", "A", "Vedlegg")?;
                    text(w, "MimeType", "application/pdf")?;
                    text(w, "Description", note.pdf_description)?;
                    w.create_element("Content").write_inner_content(|w| {
                        let encoded = base64::engine::general_purpose::STANDARD.encode(note.pdf);
                        w.create_element("Base64Container")
                            .with_attribute(("xmlns", BASE64_NS))
                            .write_text_content(BytesText::new(&encoded))?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

/// A coded value (`CS`): a code and its name.
fn cs(w: &mut Writer<Vec<u8>>, name: &str, v: &str, dn: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("V", v))
        .with_attribute(("DN", dn))
        .write_empty()?;
    Ok(())
}

fn ident(
    w: &mut Writer<Vec<u8>>,
    id: &str,
    kind: &str,
    label: &str,
    system: &str,
) -> io::Result<()> {
    w.create_element("Ident").write_inner_content(|w| {
        text(w, "Id", id)?;
        w.create_element("TypeId")
            .with_attribute(("V", kind))
            .with_attribute(("S", system))
            .with_attribute(("DN", label))
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

fn party(w: &mut Writer<Vec<u8>>, p: &Party) -> io::Result<()> {
    w.create_element("Organisation").write_inner_content(|w| {
        text(w, "OrganisationName", &p.organisation)?;
        ident(w, &p.her_id, "HER", "HER-id", ORG_ID_KINDS)?;
        if let Some(person) = &p.person {
            w.create_element("HealthcareProfessional")
                .write_inner_content(|w| {
                    text(w, "FamilyName", &person.family)?;
                    text(w, "GivenName", &person.given)?;
                    if let Some(hpr) = &person.hpr {
                        ident(w, hpr, "HPR", "HPR-nummer", PERSON_ID_KINDS)?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}
